namespace PolicyArchiver.Targets;

/// <summary>The kinds of public document the ratings look at. The list is documented in README.md.</summary>
internal static class DocumentTypes
{
    public static readonly IReadOnlySet<string> All = new SortedSet<string>(StringComparer.Ordinal)
    {
        "privacy-policy",
        "terms-of-service",
        "user-agreement",
        "personal-data-policy",
        "public-offer",
        "cookie-policy",
        "code-of-ethics",
        "freedom-of-expression-policy",
        "transparency-report",
        "data-processing-consent",
        "acceptable-use-policy",
        "community-guidelines",
        "law-enforcement-guidelines",
        "data-retention-policy",
        "loyalty-program-terms",
        "other",
    };
}
