namespace Billing.TestSupport;

/// <summary>
/// Waits for a condition on a running system by asking it again, with a bound on the wait: the one polling
/// wait of the tests (harnesses wrap it with their own pace and wording).
/// </summary>
public static class Eventually
{
    private static readonly TimeSpan DefaultPace = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Asks <paramref name="condition"/> every <paramref name="every"/> (one second by default) until it holds;
    /// a request that fails (<see cref="HttpRequestException"/>: not listening yet, or waiting for a dead
    /// silo's grains to move) counts as "not yet". After <paramref name="timeout"/>, fails with what
    /// <paramref name="describe"/> says of the system.
    /// </summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan timeout, Func<Task<string>> describe, TimeSpan? every = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        ArgumentNullException.ThrowIfNull(describe);
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                if (await condition())
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not yet.
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Waited {timeout}: {await describe()}");
            }

            await Task.Delay(every ?? DefaultPace);
        }
    }

    /// <summary>As <see cref="UntilAsync(Func{Task{bool}}, TimeSpan, Func{Task{string}}, TimeSpan?)"/>, for a condition read in memory.</summary>
    public static Task UntilAsync(Func<bool> condition, TimeSpan timeout, string what, TimeSpan? every = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        return UntilAsync(() => Task.FromResult(condition()), timeout, () => Task.FromResult(what), every);
    }

    /// <summary>
    /// Reads <paramref name="read"/> every <paramref name="every"/> until <paramref name="done"/> accepts the
    /// answer, and returns that answer; after <paramref name="timeout"/>, fails naming <paramref name="what"/>
    /// and the last answer. A failing read fails the wait at once.
    /// </summary>
    public static async Task<T> ValueAsync<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan timeout, string what, TimeSpan? every = null)
    {
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(done);
        var deadline = DateTime.UtcNow + timeout;
        var last = await read();
        while (!done(last))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Waited {timeout} for {what}; last answer: {last}");
            }

            await Task.Delay(every ?? DefaultPace);
            last = await read();
        }

        return last;
    }
}
