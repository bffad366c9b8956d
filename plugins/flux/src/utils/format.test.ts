import { DateTime } from 'luxon';
import { absoluteTime, relativeTime, shortRevision } from './format';

describe('shortRevision', () => {
  it('shortens the digest of a Flux revision and keeps the ref', () => {
    expect(
      shortRevision('main@sha1:4f2a9c81d3e0b7a6c5d4e3f2a1b0c9d8e7f6a5b4'),
    ).toBe('main@4f2a9c8');
    expect(shortRevision('sha256:0123456789abcdef')).toBe('0123456');
  });

  it('keeps revisions that are not digests, such as chart versions', () => {
    expect(shortRevision('1.4.2')).toBe('1.4.2');
    expect(shortRevision(undefined)).toBe('');
  });
});

describe('relativeTime', () => {
  const now = DateTime.fromISO('2025-01-01T12:00:00Z');

  it('says how long ago a time was', () => {
    expect(relativeTime('2025-01-01T11:55:00Z', now)).toBe('5 minutes ago');
  });

  it('gives nothing for a missing or malformed time', () => {
    expect(relativeTime(undefined, now)).toBeUndefined();
    expect(relativeTime('yesterday', now)).toBeUndefined();
    expect(absoluteTime('yesterday')).toBe('yesterday');
  });
});
