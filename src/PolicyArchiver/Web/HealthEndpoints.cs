using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace PolicyArchiver.Web;

/// <summary>
/// What a container runtime, a load balancer or an uptime monitor asks. <c>/healthz</c> (liveness):
/// the process answers, and nothing else is consulted, so a slow database never gets a working
/// process restarted. <c>/readyz</c> (readiness): the catalog answers a query and blob storage can
/// be read, so traffic is sent only to a node that can serve evidence.
/// </summary>
internal static class HealthEndpoints
{
    public const string Liveness = "/healthz";
    public const string Readiness = "/readyz";

    /// <summary>
    /// Each check gets this long: a probe that hangs (a packet-dropping firewall) must answer "not
    /// ready" before the prober's own timeout (Docker's is 10 s here) calls it a failure without a reason.
    /// </summary>
    public static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(4);

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet(Liveness, (HttpContext http) =>
        {
            NoStore(http);
            return Results.Text("ok\n", "text/plain; charset=utf-8");
        });
        app.MapGet(Readiness, async (HttpContext http, ArchiveReader reader, CancellationToken ct) =>
        {
            NoStore(http);
            // The ledger head is one indexed row in either catalog; the blob probe is one directory read or one request.
            var catalog = await CheckAsync(c => reader.Catalog.GetLedgerHeadAsync(c), ct);
            var blobs = await CheckAsync(c => reader.Archive.Blobs.ProbeAsync(c), ct);
            var ready = catalog is null && blobs is null;
            var reason = string.Join("; ", new[] { catalog is null ? null : $"catalog: {catalog}", blobs is null ? null : $"blob storage: {blobs}" }.OfType<string>());
            return Results.Json(new ReadinessReport(ready ? "ready" : "not ready", catalog ?? "ok", blobs ?? "ok", ready ? null : reason),
                JsonOptions, statusCode: ready ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
        });
    }

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>A health answer is about this instant: no cache between the prober and the process may replay it.</summary>
    private static void NoStore(HttpContext http) => http.Response.Headers.CacheControl = "no-store";

    /// <summary>Null when the check passed, else what went wrong in one line (never a stack trace, never a connection string).</summary>
    private static async Task<string?> CheckAsync(Func<CancellationToken, Task> check, CancellationToken requestAborted)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(requestAborted);
        timeout.CancelAfter(CheckTimeout);
        try
        {
            await check(timeout.Token);
            return null;
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !requestAborted.IsCancellationRequested)
        {
            return $"no answer within {CheckTimeout.TotalSeconds:0} s";
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Azure's messages run over several lines of request details: the first says what failed.
            return $"{e.GetType().Name}: {e.Message.Split('\n')[0].Trim()}";
        }
    }

    private sealed record ReadinessReport(string Status, string Catalog, string Blobs, string? Reason);
}
