using Microsoft.AspNetCore.Routing;

namespace PolicyArchiver.Web.Api;

internal static class ApiEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
    }
}
