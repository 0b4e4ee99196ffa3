namespace Billing.TestSupport;

/// <summary>Waits for a condition on a running system by asking it again, with a bound on the wait.</summary>
public static class Eventually
{
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

            await Task.Delay(every ?? TimeSpan.FromSeconds(1));
        }
    }
}
