using System.Buffers;

namespace Billing.Records;

/// <summary>
/// What a customer id may be. Every id the codec accepts is reachable by every HTTP route once percent-encoded
/// (<c>/customers/{customer}</c>, <c>/api/customers/{customer}/…</c>, the page's <c>?customer=</c>), so the
/// characters that cannot travel in a URL path segment unambiguously are refused here rather than invoiced under
/// an id nobody can read back.
/// </summary>
public static class CustomerIds
{
    /// <summary>
    /// '/' separates path segments ('%2F' stays encoded in ASP.NET Core's routing, so no escaping reaches such an
    /// id); '%' is the escape character itself, so 'a%2Fb' would read as an escaped 'a/b'; '?' and '#' end the
    /// path wherever a client forgets to escape them.
    /// </summary>
    public const string UrlReservedCharacters = "/%?#";

    private static readonly SearchValues<char> UrlReserved = SearchValues.Create(UrlReservedCharacters);

    /// <summary>What is wrong with <paramref name="customer"/> as a customer id, or null when it is usable.</summary>
    /// <param name="customer">The id, non-empty.</param>
    /// <param name="maxLength">The longest accepted id, in UTF-16 code units.</param>
    /// <returns>A phrase that completes "customer 'x' …", such as <c>contains '/'</c>.</returns>
    public static string? Problem(string customer, int maxLength)
    {
        ArgumentException.ThrowIfNullOrEmpty(customer);
        if (customer.Length > maxLength)
        {
            return $"is longer than {maxLength} characters";
        }

        if (customer.AsSpan().IndexOfAny(ControlCharacters.All) >= 0)
        {
            return "contains control characters";
        }

        if (char.IsWhiteSpace(customer[0]) || char.IsWhiteSpace(customer[^1]))
        {
            return "has leading or trailing white space";
        }

        var reserved = customer.AsSpan().IndexOfAny(UrlReserved);
        if (reserved >= 0)
        {
            return $"contains '{customer[reserved]}', which no URL path segment can carry (ids may not contain {string.Join(' ', UrlReservedCharacters.ToCharArray())})";
        }

        // Path normalisation removes these segments: /customers/.. is /, not a customer.
        return customer is "." or ".." ? "is a dot segment, which URL paths remove" : null;
    }
}
