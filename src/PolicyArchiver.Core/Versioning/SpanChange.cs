namespace PolicyArchiver.Versioning;

/// <summary>
/// One span that differs between two texts of a document whose surroundings are the same:
/// <see cref="Context"/> names where it is (the words before and after it), <see cref="Before"/>
/// and <see cref="After"/> are its two values.
/// </summary>
internal sealed record SpanChange(string Context, string Before, string After);
