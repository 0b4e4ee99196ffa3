namespace Billing.IntegrationTests.Storage;

[GenerateSerializer]
[Alias("Billing.IntegrationTests.Storage.StorageProbeState")]
public sealed class StorageProbeState
{
    [Id(0)]
    public string? Value { get; set; }
}
