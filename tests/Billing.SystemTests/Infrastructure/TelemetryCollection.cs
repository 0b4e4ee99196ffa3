namespace Billing.SystemTests.Infrastructure;

/// <summary>
/// Tests that read an app's metrics run alone: every host in this process shares the runtime's meters and
/// listeners, and a host that stops meanwhile takes instruments others are reading with it.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TelemetryCollection
{
    public const string Name = "telemetry";
}
