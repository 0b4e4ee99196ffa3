using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Npgsql;

namespace Billing.Web.Security;

/// <summary>
/// The data-protection key ring of a cluster, in the table <c>billing_data_protection_keys</c> (schema script 007):
/// every web process of the cluster reads the same keys. The key manager calls it rarely (at start, and when a
/// key is made or revoked) and synchronously.
/// </summary>
public sealed class PostgresXmlRepository(string connectionString) : IXmlRepository
{
    /// <inheritdoc />
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var command = new NpgsqlCommand("select xml from billing_data_protection_keys order by created_at, friendly_name", connection);
        using var reader = command.ExecuteReader();
        var elements = new List<XElement>();
        while (reader.Read())
        {
            elements.Add(XElement.Parse(reader.GetString(0)));
        }

        return elements;
    }

    /// <inheritdoc />
    public void StoreElement(XElement element, string friendlyName)
    {
        ArgumentNullException.ThrowIfNull(element);
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        // Friendly names are unique (key-<guid>, revocation-<time>); a second store of one is a retry.
        using var command = new NpgsqlCommand(
            "insert into billing_data_protection_keys (friendly_name, xml) values ($1, $2) on conflict (friendly_name) do nothing",
            connection);
        command.Parameters.Add(new NpgsqlParameter { Value = friendlyName });
        command.Parameters.Add(new NpgsqlParameter { Value = element.ToString(SaveOptions.DisableFormatting) });
        command.ExecuteNonQuery();
    }
}
