import { isCalendarDate, isIanaTimeZone, isTimestampWithOffset } from './date-time';

describe('isCalendarDate', () => {
  it.each(['2026-06-01', '2024-02-29', '2000-02-29', '0001-01-01', '9999-12-31'])('accepts %s', (value) => {
    expect(isCalendarDate(value)).toBe(true);
  });

  it.each([
    '2026-02-29', // not a leap year
    '1900-02-29', // centuries are not, unless divisible by 400
    '2026-04-31',
    '2026-13-01',
    '2026-00-10',
    '0000-01-01',
    '2026-6-1',
    '2026-06-01T00:00:00Z',
    ' 2026-06-01',
    '',
    20260601,
    null,
  ])('refuses %p', (value) => {
    expect(isCalendarDate(value)).toBe(false);
  });
});

describe('isTimestampWithOffset', () => {
  it.each([
    '2026-06-01T19:30:00Z',
    '2026-06-01T19:30:00+02:00',
    '2026-06-01T19:30:00.123456-05:30',
    '2026-06-01T19:30Z',
    '2024-02-29T23:59:59+14:00',
  ])('accepts %s', (value) => {
    expect(isTimestampWithOffset(value)).toBe(true);
  });

  it.each([
    '2026-06-01T19:30:00', // no offset: ambiguous
    '2026-06-01',
    '2026-06-01 19:30:00Z',
    '2026-02-30T10:00:00Z',
    '2026-06-01T24:00:00Z',
    '2026-06-01T19:60:00Z',
    '2026-06-01T19:30:00+0200',
    '2026-06-01T19:30:00+24:00',
    '2026-06-01t19:30:00z',
    'tomorrow',
    1780000000000,
  ])('refuses %p', (value) => {
    expect(isTimestampWithOffset(value)).toBe(false);
  });
});

describe('isIanaTimeZone', () => {
  it.each(['Europe/Paris', 'America/Argentina/Buenos_Aires', 'UTC', 'Etc/GMT+5', 'Asia/Kolkata'])('accepts %s', (value) => {
    expect(isIanaTimeZone(value)).toBe(true);
  });

  it.each(['Mars/Olympus_Mons', 'Europe/Atlantis', '+02:00', '', 'Europe/Paris/', 'A'.repeat(65), 42, null])('refuses %p', (value) => {
    expect(isIanaTimeZone(value)).toBe(false);
  });
});
