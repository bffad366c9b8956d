import { act, renderHook, waitFor } from '@testing-library/react';
import { usePolledValue } from './usePolledValue';

function deferred<T>() {
  let resolve: (value: T) => void = () => {};
  const promise = new Promise<T>(r => {
    resolve = r;
  });
  return { promise, resolve };
}

describe('usePolledValue', () => {
  afterEach(() => {
    jest.useRealTimers();
  });

  it('loads at once, then once per interval', async () => {
    jest.useFakeTimers();
    let n = 0;
    const load = jest.fn(async () => ++n);
    const { result } = renderHook(() => usePolledValue(load, 15_000));

    expect(result.current.loading).toBe(true);
    await act(async () => {});
    expect(result.current.value).toBe(1);
    expect(result.current.loading).toBe(false);

    await act(async () => {
      jest.advanceTimersByTime(14_999);
    });
    expect(load).toHaveBeenCalledTimes(1);

    await act(async () => {
      jest.advanceTimersByTime(1);
    });
    expect(load).toHaveBeenCalledTimes(2);
    expect(result.current.value).toBe(2);
  });

  it('does not queue polls behind a load that has not answered', async () => {
    jest.useFakeTimers();
    const slow = deferred<string>();
    const load = jest
      .fn<Promise<string>, []>()
      .mockResolvedValueOnce('first')
      .mockReturnValueOnce(slow.promise)
      .mockResolvedValue('later');
    const { result } = renderHook(() => usePolledValue(load, 1_000));
    await act(async () => {});

    await act(async () => {
      jest.advanceTimersByTime(5_000);
    });
    expect(load).toHaveBeenCalledTimes(2);
    expect(result.current.value).toBe('first');
    expect(result.current.refreshing).toBe(true);

    await act(async () => {
      slow.resolve('second');
    });
    expect(result.current.value).toBe('second');
    expect(result.current.refreshing).toBe(false);
  });

  it('drops an answer that arrives after a newer load started', async () => {
    const stale = deferred<string>();
    const load = jest
      .fn<Promise<string>, []>()
      .mockReturnValueOnce(stale.promise)
      .mockResolvedValue('fresh');
    const { result } = renderHook(() => usePolledValue(load, 60_000));

    act(() => result.current.refresh());
    await waitFor(() => expect(result.current.value).toBe('fresh'));
    await act(async () => {
      stale.resolve('stale');
    });

    expect(result.current.value).toBe('fresh');
  });

  it('keeps the last value when a refresh fails, and clears the error on success', async () => {
    const load = jest
      .fn<Promise<string>, []>()
      .mockResolvedValueOnce('first')
      .mockRejectedValueOnce(new Error('backend down'))
      .mockResolvedValue('second');
    const { result } = renderHook(() => usePolledValue(load, 60_000));
    await waitFor(() => expect(result.current.value).toBe('first'));

    act(() => result.current.refresh());
    await waitFor(() =>
      expect(result.current.error?.message).toBe('backend down'),
    );
    expect(result.current.value).toBe('first');

    act(() => result.current.refresh());
    await waitFor(() => expect(result.current.value).toBe('second'));
    expect(result.current.error).toBeUndefined();
  });

  it('stops polling once unmounted', async () => {
    jest.useFakeTimers();
    const load = jest.fn(async () => 'value');
    const { unmount } = renderHook(() => usePolledValue(load, 1_000));
    await act(async () => {});

    unmount();
    jest.advanceTimersByTime(10_000);

    expect(load).toHaveBeenCalledTimes(1);
  });
});
