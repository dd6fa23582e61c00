namespace PolicyArchiver.Insight.Coverage;

/// <summary>The state of one cell of a company's document type × language matrix. The strings are a JSON contract.</summary>
internal static class CoverageStates
{
    /// <summary>Declared, captured, and its latest version is in the declared language.</summary>
    public const string Archived = "archived";

    /// <summary>Declared in one language, but its latest version shows another (a "Kazakh" page in Russian).</summary>
    public const string ServedInWrongLanguage = "served-in-wrong-language";

    /// <summary>Declared and attempted, but never captured ok, or its latest attempt failed.</summary>
    public const string Unreachable = "unreachable";

    /// <summary>
    /// Declared but not attempted yet (just added to targets.json): not a finding about the
    /// company, so it is kept apart from <see cref="Unreachable"/>.
    /// </summary>
    public const string NotCaptured = "not-captured";

    /// <summary>No document of this type in this language in targets.json.</summary>
    public const string Missing = "missing";
}
