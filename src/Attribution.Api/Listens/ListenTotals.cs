namespace Attribution.Api.Listens;

/// <summary>The <c>total</c> object of <c>GET /v1/episodes/{episodeId}/listens</c> (names fixed by COUNTING.md).</summary>
public sealed record ListenTotals(int Listens, int Devices, double PlayedSec, int Flagged);
