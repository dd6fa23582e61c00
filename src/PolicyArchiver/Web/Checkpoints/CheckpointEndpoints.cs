using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using PolicyArchiver.Web.Feeds;

namespace PolicyArchiver.Web.Checkpoints;

/// <summary>The signed checkpoints, published for keeping: <c>/checkpoints</c>, <c>/checkpoints.json</c>, <c>/checkpoints.atom</c>.</summary>
internal static class CheckpointEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/checkpoints", async (ArchiveReader r, CancellationToken ct) => CheckpointsPage.Render(await PublishedCheckpoints.ReadAsync(r, ct)));
        app.MapGet("/checkpoints.json", async (ArchiveReader r, CancellationToken ct) => Results.Json(await PublishedCheckpoints.ReadAsync(r, ct)));
        app.MapMethods("/checkpoints.atom", [HttpMethods.Get, HttpMethods.Head], async (HttpContext http, ArchiveReader r) =>
        {
            var published = await PublishedCheckpoints.ReadAsync(r, http.RequestAborted);
            var site = PublicAddress.Of(http);
            var validator = CheckpointFeed.Validator(published, site);
            if (validator.IsCurrent(http.Request)) return validator.NotModified(http.Response);
            validator.WriteTo(http.Response);
            return FeedEndpoints.Atom(CheckpointFeed.Build(published, site));
        });
    }
}
