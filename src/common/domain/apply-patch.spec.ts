import { applyPatch } from './apply-patch';

describe('applyPatch', () => {
  it('replaces sent fields, null included, and keeps the ones left out or undefined', () => {
    const target = { name: 'Old', venue: 'Hall' as string | null, city: 'Lyon' as string | null };
    expect(applyPatch(target, { name: 'New', venue: null, city: undefined })).toEqual({ name: 'New', venue: null, city: 'Lyon' });
  });
});
