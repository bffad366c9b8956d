import { RecentPromises } from './recentPromises';

describe('RecentPromises', () => {
  it('shares an answer, forgets a failure, and drops the least recently used', async () => {
    const recent = new RecentPromises<string>(2);
    const loads: string[] = [];
    const load = (key: string) => () => {
      loads.push(key);
      return Promise.resolve(`answer ${key}`);
    };

    const [a1, a2] = [recent.get('a', load('a')), recent.get('a', load('a'))];
    expect(await a1).toBe('answer a');
    expect(a2).toBe(a1);

    await expect(
      recent.get('broken', () => Promise.reject(new Error('no answer'))),
    ).rejects.toThrow('no answer');
    await Promise.resolve();
    expect(recent.peek('broken')).toBeUndefined();

    await recent.get('b', load('b'));
    await recent.get('a', load('a')); // a is now more recent than b
    await recent.get('c', load('c')); // so b goes
    expect(recent.peek('b')).toBeUndefined();
    expect(recent.peek('a')).toBe(a1);
    expect(loads).toEqual(['a', 'b', 'c']);
  });
});
