namespace Billing.Grains.Storage.Internal;

/// <summary>One versioned schema script: <c>Schema/NNN_description.sql</c>, embedded in the assembly.</summary>
internal sealed record SchemaScript(int Version, string Description, string Sql);
