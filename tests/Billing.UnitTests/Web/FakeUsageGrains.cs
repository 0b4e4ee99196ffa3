using System.Reflection;

namespace Billing.UnitTests.Web;

/// <summary>Hands out the one fake grain; object references are the observers themselves.</summary>
public class FakeGrainFactory : DispatchProxy
{
    public object? Grain { get; set; }

    /// <summary>A grain factory whose every grain is <paramref name="grain"/>.</summary>
    public static IGrainFactory For(object grain)
    {
        var factory = Create<IGrainFactory, FakeGrainFactory>();
        ((FakeGrainFactory)(object)factory).Grain = grain;
        return factory;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) => targetMethod!.Name switch
    {
        nameof(IGrainFactory.GetGrain) => Grain,
        nameof(IGrainFactory.CreateObjectReference) => args![0],
        nameof(IGrainFactory.DeleteObjectReference) => null,
        _ => throw new NotSupportedException(targetMethod.Name),
    };
}

/// <summary>
/// A customer or event type grain (both have <c>SubscribeAsync</c>, <c>UnsubscribeAsync</c> and
/// <c>GetUsageAsync</c>) whose calls fail while it is not reachable.
/// </summary>
public class FakeUsageGrain : DispatchProxy
{
    private volatile bool reachable = true;

    public bool Reachable
    {
        get => reachable;
        set => reachable = value;
    }

    public object? Usage { get; set; }

    public object? Observer { get; private set; }

    public int Subscriptions { get; private set; }

    public int Unsubscriptions { get; private set; }

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
                Subscriptions++;
                return Task.CompletedTask;
            case "UnsubscribeAsync":
                Unsubscriptions++;
                return Task.CompletedTask;
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
