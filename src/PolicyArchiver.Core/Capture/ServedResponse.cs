namespace PolicyArchiver.Capture;

/// <summary>One HTTP response exactly as the server sent it: status, headers and the raw body bytes.</summary>
public sealed record ServedResponse(string Url, int Status, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    public string? ContentType => Headers.GetValueOrDefault("content-type");
    public bool IsRedirect => Status is >= 300 and < 400 && Headers.ContainsKey("location");
}
