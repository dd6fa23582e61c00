using Microsoft.AspNetCore.Routing;

namespace PolicyArchiver.Web.Feeds;

internal static class FeedEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
    }
}
