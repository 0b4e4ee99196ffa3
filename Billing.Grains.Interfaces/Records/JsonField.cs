namespace Billing.Records;

/// <summary>The known properties of a JSON record, as flags so that a repeated one is noticed.</summary>
[Flags]
internal enum JsonField
{
    None = 0,
    Id = 1,
    Customer = 2,
    Type = 4,
    Amount = 8,
    Currency = 16,
    Time = 32,
}
