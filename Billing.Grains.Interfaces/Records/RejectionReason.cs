namespace Billing.Records;

/// <summary>
/// Why a Kafka record was refused. Each reason has a stable kebab-case code (<see cref="RecordRejection.Code"/>)
/// that travels in the dead-letter header; append new members, never renumber.
/// </summary>
public enum RejectionReason
{
    /// <summary>The key or the value is not valid UTF-8.</summary>
    InvalidUtf8 = 1,

    /// <summary>The value is absent or empty.</summary>
    EmptyRecord = 2,

    /// <summary>A CSV value without exactly four comma-separated fields.</summary>
    MalformedCsv = 3,

    /// <summary>A JSON value that is not one object, has a syntax error, repeats a field or has a field of the wrong JSON kind.</summary>
    MalformedJson = 4,

    /// <summary>A required field is absent.</summary>
    MissingField = 5,

    /// <summary>A field is present but empty.</summary>
    EmptyField = 6,

    /// <summary>The customer is too long, contains control characters or has leading or trailing white space.</summary>
    InvalidCustomer = 7,

    /// <summary>The type is not one of the exact upper-case wire names.</summary>
    UnknownType = 8,

    /// <summary>The record has a key that differs (ordinally) from the customer in its value.</summary>
    CustomerMismatch = 9,

    /// <summary>The amount is not a plain decimal.</summary>
    InvalidAmount = 10,

    /// <summary>The amount has more decimals than the billing currency's minor digits.</summary>
    TooManyMinorDigits = 11,

    /// <summary>The amount is zero or negative.</summary>
    NonPositiveAmount = 12,

    /// <summary>The amount is above the configured maximum.</summary>
    AmountTooLarge = 13,

    /// <summary>The currency is not the billing currency.</summary>
    WrongCurrency = 14,

    /// <summary>The time is neither epoch milliseconds nor an ISO-8601 instant with an offset.</summary>
    InvalidTime = 15,

    /// <summary>The time is outside the configured range.</summary>
    TimeOutOfRange = 16,

    /// <summary>
    /// The time is readable and in range, but too far ahead of the processing clock or older than the maximum
    /// age: a producer's clock is wrong, or a time was written in other units. Decided by the silo, which knows
    /// the processing clock, never by the codec.
    /// </summary>
    ImplausibleTime = 17,
}
