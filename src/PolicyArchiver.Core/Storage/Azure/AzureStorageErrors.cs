using System.Net;
using System.Net.Sockets;
using Azure;
using Azure.Storage.Blobs.Models;

namespace PolicyArchiver.Storage.Azure;

/// <summary>
/// What the service's answers mean for evidence: "already exists" is how create-only writes
/// refuse to overwrite, "append position not met" is how an append refuses to land anywhere
/// but the end, and a failure without any answer is an unreachable service.
/// </summary>
internal static class AzureStorageErrors
{
    /// <summary>A create-only write found the name taken (409 BlobAlreadyExists, or 412 from the If-None-Match condition).</summary>
    public static bool IsAlreadyExists(RequestFailedException e) =>
        e.Status == (int)HttpStatusCode.Conflict && e.ErrorCode == BlobErrorCode.BlobAlreadyExists ||
        e.Status == (int)HttpStatusCode.PreconditionFailed && e.ErrorCode == BlobErrorCode.ConditionNotMet;

    public static bool IsNotFound(RequestFailedException e) => e.Status == (int)HttpStatusCode.NotFound;

    /// <summary>The append blob's end is not where the writer thought: someone else appended, or a retried append landed.</summary>
    public static bool IsAppendPositionNotMet(RequestFailedException e) =>
        e.Status == (int)HttpStatusCode.PreconditionFailed && e.ErrorCode == BlobErrorCode.AppendPositionConditionNotMet;

    /// <summary>The request got no answer from the service (refused, reset, DNS, timeouts after retries).</summary>
    public static bool IsTransport(Exception e) => e switch
    {
        RequestFailedException r => r.Status == 0,
        AggregateException a => a.InnerExceptions.All(IsTransport),
        HttpRequestException or SocketException or TimeoutException => true,
        TaskCanceledException t => t.InnerException is TimeoutException,
        _ => false,
    };

    /// <summary>A one-line reason for a message, with any account key that leaked into it blanked out.</summary>
    public static string Reason(Exception e, string? connectionString = null)
    {
        var inner = e;
        while (inner is AggregateException { InnerExceptions.Count: > 0 } a) inner = a.InnerExceptions[^1];
        var reason = inner is RequestFailedException { Status: > 0 } r
            ? $"{r.Status} {r.ErrorCode}"
            : (inner.InnerException ?? inner).Message.Split('\n')[0].Trim();
        var key = AccountKey(connectionString);
        return key is null ? reason : reason.Replace(key, "***", StringComparison.Ordinal);
    }

    private static string? AccountKey(string? connectionString)
    {
        if (connectionString is null) return null;
        foreach (var part in connectionString.Split(';'))
            if (part.StartsWith("AccountKey=", StringComparison.OrdinalIgnoreCase) && part.Length > "AccountKey=".Length)
                return part["AccountKey=".Length..];
        return null;
    }
}
