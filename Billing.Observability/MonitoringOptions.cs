namespace Billing.Observability;

/// <summary>The internal monitoring port of a process, bound from the <c>Monitoring</c> section.</summary>
public sealed class MonitoringOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Monitoring";

    /// <summary>
    /// <c>Monitoring:Port</c>: the TCP port, on every interface, that serves <c>/metrics</c> (Prometheus text) and
    /// <c>/health/live</c> and <c>/health/ready</c>. Default none: nothing is served, as suits several processes on
    /// one machine; the container images set 9464. It has no authentication: keep it on the internal network.
    /// </summary>
    public int? Port { get; set; }
}
