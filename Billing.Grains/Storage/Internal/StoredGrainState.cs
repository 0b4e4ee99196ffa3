namespace Billing.Grains.Storage.Internal;

/// <summary>A grain state as stored: its serialized payload and the version a write must name to replace it.</summary>
internal sealed record StoredGrainState(long Version, byte[] Payload);
