using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Billing.Grains.Hosting;

namespace Billing.Web.Security;

/// <summary>
/// The configured API keys, as hashes: customers' keys, admin keys and ingest keys. A presented key is hashed and compared with every configured hash in
/// constant time, so neither the time taken nor an early exit tells which hash, if any, came close. Keys
/// are never logged or kept. When configuration reloads (<see cref="ApiKeyReloader"/>), the ring is replaced
/// whole: a removed key stops opening the API at once, and the sessions signed in with it end at their next
/// check (<see cref="SessionRules"/>).
/// </summary>
public sealed class ApiKeyRing
{
    public const string SectionName = "Billing:ApiKeys";

    private volatile (byte[] Hash, ApiKeyEntry Entry)[] keys;

    public ApiKeyRing(IReadOnlyList<ApiKeyEntry> entries) => keys = Checked(entries);

    /// <summary>How many keys are configured.</summary>
    public int Count => keys.Length;

    /// <summary>The keys configured under <see cref="SectionName"/>; a bad entry stops start-up naming its key.</summary>
    public static ApiKeyRing From(IConfiguration configuration, IEnumerable<ApiKeyEntry>? extra = null) =>
        new([.. Configured(configuration), .. extra ?? []]);

    /// <summary>The entries configured under <see cref="SectionName"/>.</summary>
    /// <exception cref="InvalidOperationException">An entry is bad; the message names its configuration key.</exception>
    public static IReadOnlyList<ApiKeyEntry> Configured(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var children = configuration.GetSection(SectionName).GetChildren().ToList();
        var configured = children.Select(child => child.Get<ApiKeyEntry>() ?? new ApiKeyEntry()).ToList();
        // Named by their configured keys, which need not run 0, 1, 2, … (an entry removed from the middle).
        var problems = ApiKeyEntriesValidator.Validate(configured, [.. children.Select(child => child.Path)]);
        return problems.Count > 0 ? throw new InvalidOperationException(string.Join(Environment.NewLine, problems)) : configured;
    }

    /// <summary>The hex SHA-256 of <paramref name="key"/>, as configured.</summary>
    public static string HashOf(string key) => ApiKeyMaterial.HashOf(key);

    /// <summary>Takes <paramref name="entries"/> instead of the keys held so far, or nothing when one is bad.</summary>
    /// <exception cref="InvalidOperationException">An entry is bad; the ring is unchanged.</exception>
    public void Replace(IReadOnlyList<ApiKeyEntry> entries) => keys = Checked(entries);

    /// <summary>
    /// The identity <paramref name="key"/> signs in as, or null when it is not a configured key. It carries the
    /// key's hash (<see cref="BillingClaims.KeyHash"/>), so a session knows which key it was signed in with.
    /// </summary>
    public ClaimsIdentity? Authenticate(string key, string authenticationType)
    {
        ArgumentNullException.ThrowIfNull(key);
        Span<byte> presented = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(key), presented);
        ApiKeyEntry? match = null;
        foreach (var (hash, entry) in keys)
        {
            // Every hash is compared, whatever matched before.
            if (CryptographicOperations.FixedTimeEquals(hash, presented))
            {
                match = entry;
            }
        }

        return match is null ? null : IdentityOf(match, Convert.ToHexStringLower(presented), authenticationType);
    }

    /// <summary>
    /// Whether the key whose hash is <paramref name="keyHash"/> is still configured as a key that reads, for the
    /// same customer (or as an admin key when <paramref name="customer"/> is null). An ingest key grants no session.
    /// </summary>
    public bool StillGrants(string keyHash, string? customer)
    {
        ArgumentNullException.ThrowIfNull(keyHash);
        if (keyHash.Length != SHA256.HashSizeInBytes * 2 || !keyHash.All(char.IsAsciiHexDigit))
        {
            return false;
        }

        var hash = Convert.FromHexString(keyHash);
        return keys.Any(key => CryptographicOperations.FixedTimeEquals(key.Hash, hash)
            && !key.Entry.IsIngest
            && (customer is null ? key.Entry.IsAdmin : !key.Entry.IsAdmin && string.Equals(key.Entry.CustomerOrNull, customer, StringComparison.Ordinal)));
    }

    private static (byte[] Hash, ApiKeyEntry Entry)[] Checked(IReadOnlyList<ApiKeyEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var problems = ApiKeyEntriesValidator.Validate(entries);
        if (problems.Count > 0)
        {
            throw new InvalidOperationException(string.Join(Environment.NewLine, problems));
        }

        return [.. entries.Select(entry => (Convert.FromHexString(entry.Sha256), entry))];
    }

    private static ClaimsIdentity IdentityOf(ApiKeyEntry entry, string keyHash, string authenticationType)
    {
        var identity = new ClaimsIdentity(authenticationType, ClaimTypes.Name, ClaimTypes.Role);
        if (entry.IsIngest)
        {
            // No customer claim: an ingest key limited to a customer sends that customer's events but reads nothing.
            identity.AddClaim(new Claim(ClaimTypes.Name, entry.CustomerOrNull is { } only ? $"ingest:{only}" : "ingest"));
            identity.AddClaim(new Claim(ClaimTypes.Role, BillingClaims.IngestRole));
            if (entry.CustomerOrNull is { } customer)
            {
                identity.AddClaim(new Claim(BillingClaims.IngestCustomer, customer));
            }
        }
        else if (entry.IsAdmin)
        {
            // An empty :Customer next to :Role=Admin (an environment variable set to nothing) is an admin key.
            identity.AddClaim(new Claim(ClaimTypes.Name, "admin"));
            identity.AddClaim(new Claim(ClaimTypes.Role, BillingClaims.AdminRole));
        }
        else
        {
            var customer = entry.CustomerOrNull!;
            identity.AddClaim(new Claim(ClaimTypes.Name, customer));
            identity.AddClaim(new Claim(BillingClaims.Customer, customer));
        }

        identity.AddClaim(new Claim(BillingClaims.KeyHash, keyHash));
        return identity;
    }
}
