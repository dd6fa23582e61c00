using System.Globalization;

namespace PolicyArchiver.Web.Localization;

/// <summary>
/// The web archive's interface text in one language: the chrome around the archive, never the
/// archived documents (they are evidence, shown as captured). One instance per language, in
/// <c>SiteText.En.cs</c>, <c>SiteText.Kk.cs</c> and <c>SiteText.Ru.cs</c>.
/// </summary>
/// <remarks>
/// A typed catalog rather than .resx: the pages are static methods building strings, and every
/// member is <c>required</c>, so a text missing in one language does not compile. Texts with
/// <c>{0}</c> placeholders go through <see cref="F"/>; counts are phrased so that one form fits
/// every number where a language has several plural forms (Russian "Изменений: 5").
/// </remarks>
internal sealed partial record SiteText
{
    /// <summary>The interface text of the request's language (its UI culture, set by request localization).</summary>
    public static SiteText Current => For(CultureInfo.CurrentUICulture);

    public static SiteText For(CultureInfo culture) => culture.TwoLetterISOLanguageName switch
    {
        "kk" => Kk,
        "ru" => Ru,
        _ => En,
    };

    /// <summary>The catalog's language code, as in <c>&lt;html lang&gt;</c>.</summary>
    public required string Code { get; init; }

    /// <summary>A topic's human label in this language, or its id when the lexicon does not know it.</summary>
    public string TopicLabel(string id) => SiteTopics.Lexicon.Find(id)?.Label(Code) ?? id;

    /// <summary>A text with its placeholders filled; numbers and instants are formatted invariantly, as everywhere on the site.</summary>
    public static string F(string format, params object?[] args) => string.Format(CultureInfo.InvariantCulture, format, args);

    // Frame: header, navigation, footer, errors.
    public required string Companies { get; init; }
    public required string Changes { get; init; }
    public required string Topics { get; init; }
    public required string Coverage { get; init; }
    public required string Export { get; init; }
    public required string Search { get; init; }
    public required string AtomFeed { get; init; }
    public required string AllChanges { get; init; }
    public required string ChangesOf { get; init; }
    public required string Breadcrumbs { get; init; }
    public required string InterfaceLanguage { get; init; }
    public required string Footer { get; init; }
    public required string NotFound { get; init; }
    public required string BadRequest { get; init; }
    public required string AllCompanies { get; init; }
    public required string NothingAt { get; init; }
    public required string NoCompany { get; init; }
    public required string NoDocument { get; init; }
    public required string NoChange { get; init; }
    public required string ChangeVersionsMissing { get; init; }
    public required string NoVersion { get; init; }
    public required string NoVersionBy { get; init; }
    public required string NoSnapshot { get; init; }
    public required string NoScreenshotOrDom { get; init; }
    public required string NoSuchPage { get; init; }
    public required string NotSignedYet { get; init; }
    public required string NothingToProve { get; init; }
    public required string NoCompanyOrDocument { get; init; }
    public required string NoCapture { get; init; }
    public required string Almaty { get; init; }
    public required string LanguageKk { get; init; }
    public required string LanguageRu { get; init; }
    public required string LanguageEn { get; init; }

    // Home page.
    public required string HomeLede { get; init; }
    public required string HomeFollow { get; init; }
    public required string Dataset { get; init; }
    public required string NoLongerTracked { get; init; }
    public required string Company { get; init; }
    public required string Documents { get; init; }
    public required string ReachableNow { get; init; }
    public required string LatestChange { get; init; }
    public required string NotCapturedYet { get; init; }
    public required string OfCount { get; init; }
    public required string BlockedCount { get; init; }
    public required string NoneRecorded { get; init; }
    public required string NoCompaniesYet { get; init; }

    // The change registry and its filter.
    public required string ChangesLede { get; init; }
    public required string SubscribeAtom { get; init; }
    public required string SameListAsJson { get; init; }
    public required string NoChangeYet { get; init; }
    public required string NoChangeMatches { get; init; }
    public required string ChangeCountOne { get; init; }
    public required string ChangeCountMany { get; init; }
    public required string PageOfPages { get; init; }
    public required string Pages { get; init; }
    public required string Newer { get; init; }
    public required string Older { get; init; }
    public required string Document { get; init; }
    public required string When { get; init; }
    public required string Change { get; init; }
    public required string Lines { get; init; }
    public required string Words { get; init; }
    public required string Sector { get; init; }
    public required string DocumentType { get; init; }
    public required string Language { get; init; }
    public required string Topic { get; init; }
    public required string From { get; init; }
    public required string To { get; init; }
    public required string All { get; init; }
    public required string TechnicalToo { get; init; }
    public required string Filter { get; init; }
    public required string Clear { get; init; }

    // Badges and change rows.
    public required string OutcomeOk { get; init; }
    public required string OutcomeNotFound { get; init; }
    public required string OutcomeHttpError { get; init; }
    public required string OutcomeNetworkError { get; init; }
    public required string OutcomeTimeout { get; init; }
    public required string OutcomeBlocked { get; init; }
    public required string NeverCaptured { get; init; }
    public required string Reachable { get; init; }
    public required string Since { get; init; }
    public required string AttemptOne { get; init; }
    public required string AttemptMany { get; init; }
    public required string NeverArchived { get; init; }
    public required string Blocked { get; init; }
    public required string BlockedWall { get; init; }
    public required string NoVersionHeld { get; init; }
    public required string LatestCapturedBeforeOn { get; init; }
    public required string LatestCapturedBefore { get; init; }
    public required string Technical { get; init; }
    public required string LinesLower { get; init; }
    public required string WordsLower { get; init; }

    // A change.
    public required string Recorded { get; init; }
    public required string TechnicalNote { get; init; }
    public required string TopicsLower { get; init; }
    public required string VersionN { get; init; }
    public required string PreviousChange { get; init; }
    public required string NextChange { get; init; }
    public required string Clauses { get; init; }
    public required string Inline { get; init; }
    public required string SideBySide { get; init; }
    public required string ChangeN { get; init; }
    public required string BeforeSide { get; init; }
    public required string AfterSide { get; init; }
    public required string SideCaption { get; init; }
    public required string EvidenceBundle { get; init; }
    public required string SnapshotLower { get; init; }
    public required string PageAsCaptured { get; init; }
    public required string NoScreenshot { get; init; }
    public required string NoSnapshotReason { get; init; }
    public required string FileOrImport { get; init; }
    public required string BeforeColumn { get; init; }
    public required string AfterColumn { get; init; }
    public required string UnchangedLines { get; init; }
    public required string TopicsUnusable { get; init; }
    public required string NoClauseChanged { get; init; }
    public required string ClauseChange { get; init; }
    public required string Clause { get; init; }
    public required string TextLower { get; init; }
    public required string ClauseAdded { get; init; }
    public required string ClauseRemoved { get; init; }
    public required string ClauseModified { get; init; }
    public required string ClauseMoved { get; init; }

    // A company.
    public required string CompanyFeed { get; init; }
    public required string ExportLower { get; init; }
    public required string Timeline { get; init; }
    public required string Changelog { get; init; }
    public required string BlockedDocumentsOne { get; init; }
    public required string BlockedDocumentsMany { get; init; }
    public required string BlockedExplained { get; init; }
    public required string Type { get; init; }
    public required string Missing { get; init; }
    public required string NotCaptured { get; init; }
    public required string VersionCountOne { get; init; }
    public required string VersionCountMany { get; init; }
    public required string Serves { get; init; }
    public required string FoundFromHomepage { get; init; }
    public required string NotLookedAtYet { get; init; }
    public required string HomepageRead { get; init; }
    public required string PagesRead { get; init; }
    public required string FromTheHomepage { get; init; }
    public required string SinceColumn { get; init; }
    public required string Linked { get; init; }
    public required string NotLinked { get; init; }
    public required string ClickOne { get; init; }
    public required string ClickMany { get; init; }
    public required string UntrackedPolicyLinks { get; init; }

    // A document, its versions, attempts and noise.
    public required string Address { get; init; }
    public required string Availability { get; init; }
    public required string Tracking { get; init; }
    public required string NoLongerInTargets { get; init; }
    public required string WhatDidItSayOn { get; init; }
    public required string Show { get; init; }
    public required string OrAtAnInstant { get; init; }
    public required string TextInForce { get; init; }
    public required string VersionInForceSince { get; init; }
    public required string VersionPage { get; init; }
    public required string PlainText { get; init; }
    public required string Versions { get; init; }
    public required string NoVersionYet { get; init; }
    public required string Version { get; init; }
    public required string Captured { get; init; }
    public required string Evidence { get; init; }
    public required string First { get; init; }
    public required string Diff { get; init; }
    public required string Attempts { get; init; }
    public required string NeverCapturedSentence { get; init; }
    public required string Outcome { get; init; }
    public required string Detail { get; init; }
    public required string Imported { get; init; }
    public required string NewVersionMark { get; init; }
    public required string OlderAttempts { get; init; }
    public required string AllAsJson { get; init; }
    public required string NoiseIgnored { get; init; }
    public required string NoVolatileSpan { get; init; }
    public required string NoiseExplained { get; init; }
    public required string NoiseWhere { get; init; }
    public required string Examples { get; init; }
    public required string Confirmed { get; init; }
    public required string ConfirmedTitle { get; init; }
    public required string InForceFrom { get; init; }
    public required string LatestVersion { get; init; }
    public required string Until { get; init; }
    public required string RawSnapshotAndScreenshot { get; init; }
    public required string ReadByOcr { get; init; }
    public required string DetectedLanguage { get; init; }
    public required string Declared { get; init; }
    public required string Extractor { get; init; }
    public required string TextSha256 { get; init; }
    public required string SnapshotSha256 { get; init; }

    // A snapshot.
    public required string CaptureOf { get; init; }
    public required string CaptureTitle { get; init; }
    public required string FinalUrl { get; init; }
    public required string HttpStatus { get; init; }
    public required string ContentType { get; init; }
    public required string Body { get; init; }
    public required string ImportedFrom { get; init; }
    public required string RawAsText { get; init; }
    public required string DownloadRaw { get; init; }
    public required string DomAsText { get; init; }
    public required string Headers { get; init; }
    public required string AsServed { get; init; }
    public required string ReplayTitle { get; init; }
    public required string ReplayHeading { get; init; }
    public required string ReplayNote { get; init; }
    public required string ReplayCaptured { get; init; }
    public required string ReplayObservation { get; init; }
    public required string ReplayEvidence { get; init; }
    public required string ReplayOriginal { get; init; }
    public required string ReplayMemento { get; init; }
    public required string ReplayOpen { get; init; }
    public required string ReplayFrame { get; init; }
    public required string ArchivedPage { get; init; }
    public required string Screenshot { get; init; }
    public required string ScreenshotAlt { get; init; }
    public required string OpenScreenshotPdf { get; init; }

    // The timeline chart.
    public required string NothingCapturedYet { get; init; }
    public required string TimelineLabel { get; init; }
    public required string TimelineLegend { get; init; }
    public required string TimelineVersion { get; init; }

    // Topics, coverage, export, checkpoints, Memento.
    public required string TopicsLede { get; init; }
    public required string WhatItCovers { get; init; }
    public required string CoverageLede { get; init; }
    public required string DownloadCsv { get; init; }
    public required string Archived { get; init; }
    public required string WrongLanguage { get; init; }
    public required string Unreachable { get; init; }
    public required string ExportTitle { get; init; }
    public required string CannotExport { get; init; }
    public required string ExportLede { get; init; }
    public required string FromInclusive { get; init; }
    public required string ToInclusive { get; init; }
    public required string AllOf { get; init; }
    public required string Format { get; init; }
    public required string FormatZip { get; init; }
    public required string FormatWacz { get; init; }
    public required string Download { get; init; }
    public required string ManifestColumns { get; init; }
    public required string ManifestNote { get; init; }
    public required string Checkpoints { get; init; }
    public required string CheckpointsLede { get; init; }
    public required string KeyFingerprint { get; init; }
    public required string NoKeyYet { get; init; }
    public required string LedgerEntry { get; init; }
    public required string Signed { get; init; }
    public required string Head { get; init; }
    public required string MementoLede { get; init; }
    public required string MementoTimeGate { get; init; }
    public required string MementoTimeMap { get; init; }
    public required string MementoCapture { get; init; }

    // Search.
    public required string SearchEveryVersion { get; init; }
    public required string SearchLede { get; init; }
    public required string SearchWordsLabel { get; init; }
    public required string InForceFromLabel { get; init; }
    public required string InForceToLabel { get; init; }
    public required string SameResultsAsJson { get; init; }
    public required string NoDocumentMatches { get; init; }
    public required string NoDocumentMatchesFiltered { get; init; }
    public required string MatchCountOne { get; init; }
    public required string MatchCountMany { get; init; }
    public required string NoSuchResultsPage { get; init; }
    public required string Previous { get; init; }
    public required string Next { get; init; }
    public required string InVersion { get; init; }
    public required string InVersions { get; init; }
    public required string Now { get; init; }
    public required string AppearedWith { get; init; }
    public required string PresentSinceFirst { get; init; }
    public required string DisappearedWith { get; init; }
    public required string DisappearedIn { get; init; }
    public required string StillInLatest { get; init; }
    public required string SearchTitle { get; init; }
    public required string IndexBuilding { get; init; }
}
