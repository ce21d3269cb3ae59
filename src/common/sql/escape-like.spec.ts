import { escapeLike } from './escape-like';

describe('escapeLike', () => {
  it('escapes the LIKE wildcards and the escape character itself', () => {
    expect(escapeLike('100%_off\\now')).toBe('100\\%\\_off\\\\now');
  });

  it('leaves other text alone', () => {
    expect(escapeLike("Tour 'd'été* [2026]")).toBe("Tour 'd'été* [2026]");
  });
});
