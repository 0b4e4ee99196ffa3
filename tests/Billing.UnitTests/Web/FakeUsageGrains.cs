using System.Reflection;

namespace Billing.UnitTests.Web;

/// <summary>Hands out fake grains by key; object references are the observers themselves.</summary>
public class FakeGrainFactory : DispatchProxy
{
    private Func<string, object?> grainOf = _ => null;

    /// <summary>A grain factory whose every grain is <paramref name="grain"/>.</summary>
    public static IGrainFactory For(object grain) => For(_ => grain);

    /// <summary>A grain factory whose grain of each (string) key is what <paramref name="grainOf"/> gives.</summary>
    public static IGrainFactory For(Func<string, object?> grainOf)
    {
        var factory = Create<IGrainFactory, FakeGrainFactory>();
        ((FakeGrainFactory)(object)factory).grainOf = grainOf;
        return factory;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) => targetMethod!.Name switch
    {
        nameof(IGrainFactory.GetGrain) => grainOf((string)args![0]!),
        nameof(IGrainFactory.CreateObjectReference) => args![0],
        nameof(IGrainFactory.DeleteObjectReference) => null,
        _ => throw new NotSupportedException(targetMethod.Name),
    };
}

/// <summary>
/// A customer or event type grain (both have <c>SubscribeAsync</c>, <c>UnsubscribeAsync</c> and
/// <c>GetUsageAsync</c>) whose calls fail while it is not reachable, and whose subscribe and unsubscribe answer
/// when the test lets them.
/// </summary>
public class FakeUsageGrain : DispatchProxy
{
    private volatile bool reachable = true;
    private int subscriptions;
    private int unsubscriptions;

    public bool Reachable
    {
        get => reachable;
        set => reachable = value;
    }

    public object? Usage { get; set; }

    public object? Observer { get; private set; }

    public int Subscriptions => Volatile.Read(ref subscriptions);

    public int Unsubscriptions => Volatile.Read(ref unsubscriptions);

    /// <summary>What <c>SubscribeAsync</c> returns: completed unless the test holds the grain's answer back.</summary>
    public Task SubscribeAnswer { get; set; } = Task.CompletedTask;

    /// <summary>What <c>UnsubscribeAsync</c> returns: completed unless the test holds the grain's answer back.</summary>
    public Task UnsubscribeAnswer { get; set; } = Task.CompletedTask;

    /// <summary>Completes when <c>SubscribeAsync</c> is first called.</summary>
    public TaskCompletionSource SubscribeCalled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when <c>UnsubscribeAsync</c> is first called.</summary>
    public TaskCompletionSource UnsubscribeCalled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>A fake <typeparamref name="TGrain"/> answering <paramref name="usage"/>.</summary>
    public static (TGrain Grain, FakeUsageGrain Fake) Create<TGrain>(object? usage)
    {
        var grain = Create<TGrain, FakeUsageGrain>();
        var fake = (FakeUsageGrain)(object)grain!;
        fake.Usage = usage;
        return (grain, fake);
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        var method = targetMethod!;
        if (!reachable)
        {
            return Failed(method.ReturnType, new TimeoutException("cluster unreachable"));
        }

        switch (method.Name)
        {
            case "SubscribeAsync":
                Observer = args![0];
                Interlocked.Increment(ref subscriptions);
                SubscribeCalled.TrySetResult();
                return SubscribeAnswer;
            case "UnsubscribeAsync":
                Interlocked.Increment(ref unsubscriptions);
                UnsubscribeCalled.TrySetResult();
                return UnsubscribeAnswer;
            case "GetUsageAsync":
                return Answer(method.ReturnType, Usage);
            default:
                throw new NotSupportedException(method.Name);
        }
    }

    private static object Answer(Type taskType, object? value) =>
        typeof(Task).GetMethod(nameof(Task.FromResult))!.MakeGenericMethod(taskType.GetGenericArguments()[0]).Invoke(null, [value])!;

    private static object Failed(Type taskType, Exception exception) =>
        taskType.IsGenericType
            ? typeof(Task).GetMethods().Single(m => m.Name == nameof(Task.FromException) && m.IsGenericMethod)
                .MakeGenericMethod(taskType.GetGenericArguments()[0]).Invoke(null, [exception])!
            : Task.FromException(exception);
}
