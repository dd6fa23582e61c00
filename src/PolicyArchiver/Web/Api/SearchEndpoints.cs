using Microsoft.Extensions.DependencyInjection;
using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using PolicyArchiver.Cli.Commands;

namespace PolicyArchiver.Web.Api;

/// <summary>
/// <c>/api/search</c>: what <c>search --json</c> prints, with the filters of <c>/api/changes</c> and
/// its paging (<c>offset</c>, <c>limit</c>, <c>X-Total-Count</c>, <c>Link: rel="next"</c>).
/// </summary>
internal static class SearchEndpoints
{
    /// <summary>Without <c>limit</c>, a page of this many documents: each result reads one text for its snippet.</summary>
    public const int DefaultLimit = 50;

    /// <summary>Sent while the index is still being built, so that a script knows the answer may be incomplete: <c>building; indexed=N; missing=M</c>.</summary>
    public const string BuildingHeader = "X-Search-Index";

    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/api/search", async (HttpContext http, ArchiveReader r, CancellationToken ct) =>
        {
            var (request, problem) = SearchRequest.Of(http.Request.Query);
            if (problem is not null) return ApiResults.BadRequest(problem);
            if (request.Query is null) return ApiResults.BadRequest("q: missing; give words or \"a phrase\" to look for, e.g. /api/search?q=биометрические");
            var (offset, limit, pageProblem) = ApiEndpoints.Paging(http.Request.Query);
            if (pageProblem is not null) return ApiResults.BadRequest(pageProblem);
            var size = limit ?? DefaultLimit;
            if (await http.RequestServices.GetRequiredService<SearchIndexUpkeep>().WaitAsync(ct) is { } building)
                http.Response.Headers[BuildingHeader] = SearchIndexUpkeep.Describe(building);
            var found = await ArchiveSearch.FindAsync(r, request.Query, request.Filter, offset, size, null, ct, updateFirst: false);
            http.Response.Headers["X-Total-Count"] = found.Total.ToString(CultureInfo.InvariantCulture);
            if (offset + size < found.Total)
                http.Response.Headers.Link = $"</api/search{request.QueryString(("offset", SearchRequest.Number(offset + size)), ("limit", SearchRequest.Number(size)))}>; rel=\"next\"";
            return ApiResults.Ok(found.Found.Select(SearchHitJson.From).ToList());
        });
}
