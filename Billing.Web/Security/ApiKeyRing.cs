using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Billing.Grains.Hosting;

namespace Billing.Web.Security;

/// <summary>
/// The configured API keys, as hashes. A presented key is hashed and compared with every configured hash in
/// constant time, so neither the time taken nor an early exit tells which hash, if any, came close. Keys
/// are never logged or kept.
/// </summary>
public sealed class ApiKeyRing
{
    public const string SectionName = "Billing:ApiKeys";

    private readonly (byte[] Hash, ApiKeyEntry Entry)[] keys;

    public ApiKeyRing(IReadOnlyList<ApiKeyEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var problems = ApiKeyEntriesValidator.Validate(entries);
        if (problems.Count > 0)
        {
            throw new InvalidOperationException(string.Join(Environment.NewLine, problems));
        }

        keys = [.. entries.Select(entry => (Convert.FromHexString(entry.Sha256), entry))];
    }

    /// <summary>How many keys are configured.</summary>
    public int Count => keys.Length;

    /// <summary>The keys configured under <see cref="SectionName"/>; a bad entry stops start-up naming its key.</summary>
    public static ApiKeyRing From(IConfiguration configuration, IEnumerable<ApiKeyEntry>? extra = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var children = configuration.GetSection(SectionName).GetChildren().ToList();
        var configured = children.Select(child => child.Get<ApiKeyEntry>() ?? new ApiKeyEntry()).ToList();
        // Named by their configured keys, which need not run 0, 1, 2, … (an entry removed from the middle).
        var problems = ApiKeyEntriesValidator.Validate(configured, [.. children.Select(child => child.Path)]);
        if (problems.Count > 0)
        {
            throw new InvalidOperationException(string.Join(Environment.NewLine, problems));
        }

        return new ApiKeyRing([.. configured, .. extra ?? []]);
    }

    /// <summary>The hex SHA-256 of <paramref name="key"/>, as configured.</summary>
    public static string HashOf(string key) => ApiKeyMaterial.HashOf(key);

    /// <summary>The identity <paramref name="key"/> signs in as, or null when it is not a configured key.</summary>
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

        return match is null ? null : IdentityOf(match, authenticationType);
    }

    private static ClaimsIdentity IdentityOf(ApiKeyEntry entry, string authenticationType)
    {
        var identity = new ClaimsIdentity(authenticationType, ClaimTypes.Name, ClaimTypes.Role);
        // An empty :Customer next to :Role=Admin (an environment variable set to nothing) is an admin key.
        if (!string.IsNullOrWhiteSpace(entry.Customer) && entry.Customer is { } customer)
        {
            identity.AddClaim(new Claim(ClaimTypes.Name, customer));
            identity.AddClaim(new Claim(BillingClaims.Customer, customer));
        }
        else
        {
            identity.AddClaim(new Claim(ClaimTypes.Name, "admin"));
            identity.AddClaim(new Claim(ClaimTypes.Role, BillingClaims.AdminRole));
        }

        return identity;
    }
}
