using Microsoft.AspNetCore.Routing;

namespace PolicyArchiver.Web.Pages;

internal static class PageEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
    }
}
