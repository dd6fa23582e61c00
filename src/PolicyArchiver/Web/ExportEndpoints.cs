using Microsoft.AspNetCore.Routing;

namespace PolicyArchiver.Web;

internal static class ExportEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
    }
}
