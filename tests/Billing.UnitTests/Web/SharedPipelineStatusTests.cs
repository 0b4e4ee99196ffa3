using Billing.Web.Admin;
using Billing.Web.Api;
using Microsoft.Extensions.Time.Testing;

namespace Billing.UnitTests.Web;

/// <summary>However many admin tabs ask, the pipeline status is read at most once per 1.5 s, in fake time.</summary>
public sealed class SharedPipelineStatusTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private readonly FakeTimeProvider time = new();
    private readonly List<TaskCompletionSource<StatusResponse>> reads = [];
    private readonly SharedPipelineStatus status;

    public SharedPipelineStatusTests() => status = new SharedPipelineStatus(Read, time);

    private int Reads
    {
        get
        {
            lock (reads)
            {
                return reads.Count;
            }
        }
    }

    [Fact]
    public async Task Get_ManyTabsWithinTheAge_ShareOneRead()
    {
        var readAt = time.GetUtcNow();
        var first = await Answered(status.GetAsync(CancellationToken.None), read: 0, Status(lag: 1));

        time.Advance(SharedPipelineStatus.MaxAge - TimeSpan.FromMilliseconds(1));
        var others = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => status.GetAsync(CancellationToken.None))).WaitAsync(Patience);

        Assert.Equal(1, Reads);
        Assert.All(others, other => Assert.Same(first, other));
        Assert.Equal(readAt, first.ReadAt);
    }

    [Fact]
    public async Task Get_TabsAskingWhileAReadIsUnderWay_JoinIt()
    {
        var first = status.GetAsync(CancellationToken.None);
        var second = status.GetAsync(CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(5));
        var third = status.GetAsync(CancellationToken.None);

        var answered = await Answered(first, read: 0, Status(lag: 2));

        Assert.Same(answered, await second.WaitAsync(Patience));
        Assert.Same(answered, await third.WaitAsync(Patience));
        Assert.Equal(1, Reads);
    }

    [Fact]
    public async Task Get_OnceTheAgeHasPassed_ReadsAgain()
    {
        await Answered(status.GetAsync(CancellationToken.None), read: 0, Status(lag: 1));

        time.Advance(SharedPipelineStatus.MaxAge);
        var next = await Answered(status.GetAsync(CancellationToken.None), read: 1, Status(lag: 7));

        Assert.Equal(7, next.Status.TotalLag);
        Assert.Equal(2, Reads);
    }

    [Fact]
    public async Task Get_ReadFailed_EveryTabGetsTheFailureUntilTheAgeHasPassed()
    {
        var failed = status.GetAsync(CancellationToken.None);
        (await NextRead(0)).SetException(new TimeoutException("broker unreachable"));
        await Assert.ThrowsAsync<TimeoutException>(() => failed.WaitAsync(Patience));

        await Assert.ThrowsAsync<TimeoutException>(() => status.GetAsync(CancellationToken.None).WaitAsync(Patience));
        Assert.Equal(1, Reads);

        time.Advance(SharedPipelineStatus.MaxAge);
        var recovered = await Answered(status.GetAsync(CancellationToken.None), read: 1, Status(lag: 0));
        Assert.Equal(0, recovered.Status.TotalLag);
        Assert.Equal(2, Reads);
    }

    [Fact]
    public async Task Get_OneTabClosesWhileWaiting_TheOthersStillGetTheRead()
    {
        using var closing = new CancellationTokenSource();
        var leaving = status.GetAsync(closing.Token);
        var staying = status.GetAsync(CancellationToken.None);

        await closing.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => leaving);
        var answered = await Answered(staying, read: 0, Status(lag: 3));

        Assert.Equal(3, answered.Status.TotalLag);
        Assert.Equal(1, Reads);
    }

    private Task<StatusResponse> Read(CancellationToken cancellationToken)
    {
        Assert.False(cancellationToken.CanBeCanceled, "One tab's cancellation must not end a read others share.");
        var read = new TaskCompletionSource<StatusResponse>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (reads)
        {
            reads.Add(read);
            Monitor.PulseAll(reads);
        }

        return read.Task;
    }

    /// <summary>Waits for read number <paramref name="index"/> (from 0) to start.</summary>
    private Task<TaskCompletionSource<StatusResponse>> NextRead(int index) => Task.Run(() =>
    {
        lock (reads)
        {
            while (reads.Count <= index)
            {
                if (!Monitor.Wait(reads, Patience))
                {
                    throw new TimeoutException($"Read {index} did not start.");
                }
            }

            return reads[index];
        }
    });

    /// <summary>Answers read number <paramref name="read"/> with <paramref name="answer"/>, then awaits <paramref name="get"/>.</summary>
    private async Task<PipelineStatusSnapshot> Answered(Task<PipelineStatusSnapshot> get, int read, StatusResponse answer)
    {
        (await NextRead(read)).SetResult(answer);
        return await get.WaitAsync(Patience);
    }

    private static StatusResponse Status(long lag) =>
        new("embedded", false, "localhost:9092", null, null, [], lag, [], 0, [], 0, null, 0, [], []);
}
