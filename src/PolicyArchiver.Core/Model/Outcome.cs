using System.Text.Json.Serialization;

namespace PolicyArchiver.Model;

/// <summary>
/// What one attempt to capture a document found. Only <see cref="Ok"/> can yield a snapshot.
/// Databases, JSON, CSV, feeds, pages and logs carry the wire names (<see cref="Outcomes"/>),
/// never the member names: archives written before this was an enum read the same.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<Outcome>))]
public enum Outcome
{
    [JsonStringEnumMemberName("ok")]
    Ok,
    /// <summary>404 or 410.</summary>
    [JsonStringEnumMemberName("not-found")]
    NotFound,
    /// <summary>Any other 4xx or 5xx.</summary>
    [JsonStringEnumMemberName("http-error")]
    HttpError,
    /// <summary>DNS failure, connection refused or reset, TLS failure.</summary>
    [JsonStringEnumMemberName("network-error")]
    NetworkError,
    [JsonStringEnumMemberName("timeout")]
    Timeout,
    /// <summary>Bot challenge, captcha, login wall or a page with no policy text.</summary>
    [JsonStringEnumMemberName("blocked")]
    Blocked,
}
