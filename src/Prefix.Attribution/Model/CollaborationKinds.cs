namespace Prefix.Attribution.Model;

/// <summary>Collaboration kinds of ATTRIBUTION.md, "Inputs".</summary>
public static class CollaborationKinds
{
    public const string Guest = "guest";
    public const string Promo = "promo";

    /// <summary>Dynamically inserted promo; the only kind with a randomized holdout baseline.</summary>
    public const string Dai = "dai";

    /// <summary>A's episode published in B's feed; its copy in A's feed is not a conversion.</summary>
    public const string FeedDrop = "feed-drop";

    public static bool IsValid(string? kind) => kind is Guest or Promo or Dai or FeedDrop;
}
