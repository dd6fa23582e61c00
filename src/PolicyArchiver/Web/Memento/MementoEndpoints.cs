using Microsoft.AspNetCore.Routing;

namespace PolicyArchiver.Web.Memento;

internal static class MementoEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
    }
}
