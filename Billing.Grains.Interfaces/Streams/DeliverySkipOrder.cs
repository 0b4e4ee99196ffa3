namespace Billing.Streams;

/// <summary>An operator's order to skip the failing delivery of <paramref name="Partition"/> that starts at <paramref name="FirstOffset"/>.</summary>
/// <param name="Partition">The partition.</param>
/// <param name="FirstOffset">The first offset of the failing delivery, as <see cref="DeliveryStall.FirstOffset"/> shows it.</param>
[GenerateSerializer]
[Immutable]
[Alias("billing.delivery-skip-order")]
public sealed record DeliverySkipOrder(
    [property: Id(0)] int Partition,
    [property: Id(1)] long FirstOffset);
