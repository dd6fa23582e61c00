using System.Globalization;
using System.Text;

namespace PolicyArchiver.Evidence.Warc;

/// <summary>The HTTP request and response messages that WARC request/response records carry.</summary>
internal static class HttpMessages
{
    /// <summary>
    /// Header fields that describe a transfer our stored payload no longer has: the network
    /// client removes the content and transfer encodings, so the payload is the decoded body.
    /// They are kept under the <c>X-Archive-Orig-</c> prefix that replay tools understand.
    /// </summary>
    private static readonly HashSet<string> TransferFields = new(StringComparer.OrdinalIgnoreCase)
    {
        "content-encoding", "transfer-encoding", "content-length",
    };

    /// <summary>The request as we sent it: its method, header fields and body (a script's POST), if any.</summary>
    public static byte[] Request(Uri uri, IReadOnlyDictionary<string, string> headers, string method = "GET", byte[]? body = null)
    {
        var sb = new StringBuilder();
        sb.Append(method).Append(' ').Append(uri.PathAndQuery).Append(" HTTP/1.1\r\n");
        sb.Append("Host: ").Append(uri.Authority).Append("\r\n");
        foreach (var (name, value) in headers) sb.Append(name).Append(": ").Append(value).Append("\r\n");
        if (body is not null) sb.Append("Content-Length: ").Append(body.Length.ToString(CultureInfo.InvariantCulture)).Append("\r\n");
        sb.Append("\r\n");
        var head = Encoding.UTF8.GetBytes(sb.ToString());
        return body is null ? head : [.. head, .. body];
    }

    /// <summary>The status line and header fields of a response, ending with the blank line.</summary>
    public static byte[] ResponseHead(ServedResponse response)
    {
        var sb = new StringBuilder();
        sb.Append("HTTP/1.1 ").Append(response.Status.ToString(CultureInfo.InvariantCulture)).Append(' ').Append(Reason(response.Status)).Append("\r\n");
        foreach (var (name, value) in response.HeaderLines)
        {
            sb.Append(TransferFields.Contains(name) ? "X-Archive-Orig-" + name : name).Append(": ").Append(value).Append("\r\n");
        }
        sb.Append("Content-Length: ").Append(response.Body.Length.ToString(CultureInfo.InvariantCulture)).Append("\r\n\r\n");
        return Encoding.UTF8.GetBytes(sb.ToString());
    }

    public static byte[] Response(ServedResponse response)
    {
        var head = ResponseHead(response);
        var block = new byte[head.Length + response.Body.Length];
        head.CopyTo(block, 0);
        response.Body.CopyTo(block, head.Length);
        return block;
    }

    private static string Reason(int status) => status switch
    {
        200 => "OK", 201 => "Created", 202 => "Accepted", 203 => "Non-Authoritative Information", 204 => "No Content",
        206 => "Partial Content", 300 => "Multiple Choices", 301 => "Moved Permanently", 302 => "Found", 303 => "See Other",
        304 => "Not Modified", 307 => "Temporary Redirect", 308 => "Permanent Redirect", 400 => "Bad Request",
        401 => "Unauthorized", 403 => "Forbidden", 404 => "Not Found", 405 => "Method Not Allowed", 406 => "Not Acceptable",
        408 => "Request Timeout", 410 => "Gone", 429 => "Too Many Requests", 451 => "Unavailable For Legal Reasons",
        500 => "Internal Server Error", 501 => "Not Implemented", 502 => "Bad Gateway", 503 => "Service Unavailable",
        504 => "Gateway Timeout", _ => "Status",
    };
}
