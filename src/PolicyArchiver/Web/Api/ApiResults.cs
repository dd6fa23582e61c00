using Microsoft.AspNetCore.Http;
using PolicyArchiver.Cli;
using PolicyArchiver.Contracts;

namespace PolicyArchiver.Web.Api;

/// <summary>JSON answers in the CLI's own JSON shapes and options (camelCase, UTC instants with Z).</summary>
internal static class ApiResults
{
    public static IResult Ok<T>(T value) => Results.Json(value, Json.Options);

    public static IResult NotFound(string message) => Results.Json(new { error = message }, Json.Options, statusCode: StatusCodes.Status404NotFound);

    public static IResult BadRequest(string message) => Results.Json(new { error = message }, Json.Options, statusCode: StatusCodes.Status400BadRequest);
}
