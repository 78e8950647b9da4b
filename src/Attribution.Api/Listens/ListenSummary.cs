namespace Attribution.Api.Listens;

/// <summary>What <see cref="ListenCalculator"/> found for one episode.</summary>
/// <param name="ThresholdSec">Distinct audio a listen needs.</param>
/// <param name="Listens">Unflagged devices that reached the threshold.</param>
/// <param name="Devices">Unflagged devices with at least one event.</param>
/// <param name="PlayedSec">Distinct audio played by unflagged devices, summed over devices.</param>
/// <param name="Flagged">Devices excluded by a fraud guard.</param>
/// <param name="CompletionShare">Mean over listens of played / duration (capped at 1); null when the duration is unknown or there is no listen.</param>
/// <param name="PerDevice">Each device's result, ordered by device id.</param>
internal sealed record ListenSummary(
    double ThresholdSec,
    int Listens,
    int Devices,
    double PlayedSec,
    int Flagged,
    double? CompletionShare,
    IReadOnlyList<DeviceListen> PerDevice);
