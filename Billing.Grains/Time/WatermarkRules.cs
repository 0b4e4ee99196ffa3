namespace Billing.Grains.Time;

/// <summary>The bounds the global watermark is made with (from <see cref="Hosting.BillingOptions"/>).</summary>
/// <param name="MaxOutOfOrderness">How far a partition's watermark trails its latest delivered event time.</param>
/// <param name="IdleReportLifetime">How long after its report a partition's idleness is still believed.</param>
/// <param name="MaxPartitionLead">
/// How far the leading partition may carry the global watermark past what the runner-up partition supports.
/// </param>
public sealed record WatermarkRules(TimeSpan MaxOutOfOrderness, TimeSpan IdleReportLifetime, TimeSpan MaxPartitionLead);
