using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Billing.Web.Api;
using Billing.Web.Security;

namespace Billing.SystemTests.Infrastructure;

/// <summary>Posts to <c>POST /api/events</c> and reads back what the app billed and what Kafka holds.</summary>
public static class IngestClient
{
    public const string Json = "application/json";
    public const string CloudEvent = "application/cloudevents+json";
    public const string CloudEventBatch = "application/cloudevents-batch+json";

    /// <summary>The settings that configure a new ingest key at <paramref name="index"/> (for <paramref name="customer"/> only, when given).</summary>
    public static (string Key, string[] Settings) NewIngestKey(int index, string? customer = null)
    {
        var key = DemoKeys.NewKey();
        string[] settings =
        [
            $"--{ApiKeyRing.SectionName}:{index}:Sha256={ApiKeyRing.HashOf(key)}",
            $"--{ApiKeyRing.SectionName}:{index}:Role={BillingClaims.IngestRole}",
            .. customer is null ? Array.Empty<string>() : [$"--{ApiKeyRing.SectionName}:{index}:Customer={customer}"],
        ];
        return (key, settings);
    }

    /// <summary>A JSON event in the Kafka record format.</summary>
    public static string Event(string id, string customer, string type, string amount, string time = "2026-11-10T08:00:00Z") =>
        $$"""{"id":"{{id}}","customer":"{{customer}}","type":"{{type}}","amount":"{{amount}}","time":"{{time}}"}""";

    /// <summary>A structured-mode CloudEvent of usage.</summary>
    public static string CloudEventOf(string id, string customer, string type, string amount, string time = "2026-11-10T08:00:00Z") =>
        $$$"""{"specversion":"1.0","id":"{{{id}}}","source":"/tests/meter","type":"com.example.usage","subject":"{{{customer}}}","time":"{{{time}}}","datacontenttype":"application/json","data":{"type":"{{{type}}}","amount":"{{{amount}}}"}}""";

    public static string Batch(params string[] events) => "[" + string.Join(",", events) + "]";

    /// <summary>Posts <paramref name="body"/> as <paramref name="contentType"/>; the status and the JSON answer (default when none).</summary>
    public static async Task<(HttpStatusCode Status, JsonElement Body, HttpResponseMessage Response)> PostAsync(HttpClient client, string body, string contentType = Json)
    {
        using var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        var response = await client.PostAsync(new Uri("/api/events", UriKind.Relative), content);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? default : JsonSerializer.Deserialize<JsonElement>(text), response);
    }

    /// <summary>The records the incoming topic holds: the sum of its partitions' high watermarks.</summary>
    public static async Task<long> RecordsInTopicAsync(BillingAppHost host) =>
        (await host.Http.GetFromJsonAsync<StatusResponse>("/api/status"))!.Partitions.Sum(p => p.HighWatermark);

    /// <summary>Waits until the consumer group has committed every partition to its end: every record so far is counted.</summary>
    public static Task<StatusResponse> WaitUntilAllHandledAsync(BillingAppHost host) =>
        BillingAppHost.WaitForAsync(
            async () => (await host.Http.GetFromJsonAsync<StatusResponse>("/api/status"))!,
            status => status.TotalLag == 0 && status.Partitions.All(p => (p.CommittedOffset ?? 0) == p.HighWatermark),
            TimeSpan.FromSeconds(60),
            "every record to be handled");

    /// <summary>
    /// <paramref name="customer"/>'s count and total of <paramref name="month"/> once every record so far is
    /// handled; null when the customer has no usage.
    /// </summary>
    public static async Task<(int Count, string Total)?> BilledAsync(BillingAppHost host, string customer, string month = "2026-11")
    {
        await WaitUntilAllHandledAsync(host);
        using var response = await host.Http.GetAsync(new Uri($"/api/customers/{customer}/usage", UriKind.Relative));
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        var usage = (await response.Content.ReadFromJsonAsync<CustomerUsageResponse>())!;
        return usage.Months.SingleOrDefault(m => m.Month == month) is { } found ? (found.Count, found.Total) : null;
    }

    /// <summary>The <c>accepted</c> ids of a 202 answer.</summary>
    public static string[] Accepted(JsonElement body) => [.. body.GetProperty("accepted").EnumerateArray().Select(id => id.GetString()!)];
}
