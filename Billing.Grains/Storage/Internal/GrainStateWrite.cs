namespace Billing.Grains.Storage.Internal;

/// <summary>
/// One grain's write: the new payload, replacing <see cref="ExpectedVersion"/>, or, when that is null, a state
/// that must not exist yet.
/// </summary>
internal sealed record GrainStateWrite(GrainStateKey Key, long? ExpectedVersion, byte[] Payload);
