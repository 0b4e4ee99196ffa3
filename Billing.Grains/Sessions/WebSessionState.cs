namespace Billing.Grains.Sessions;

/// <summary>What a web session persists: the serialized ticket and when it expires; empty once ended.</summary>
[GenerateSerializer]
[Alias("billing.web-session-state")]
public sealed class WebSessionState
{
    [Id(0)]
    public byte[]? Ticket { get; set; }

    [Id(1)]
    public DateTimeOffset? ExpiresAt { get; set; }
}
