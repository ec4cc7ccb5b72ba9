package dev.lernwerk.data;

/**
 * A failure while the {@link DataLoader} fetched, transformed or collated a batch (often on its
 * background thread). The message names the epoch and batch; {@link #getCause()} is the original
 * exception.
 */
public final class DataLoaderException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** A failure with its cause. */
  public DataLoaderException(String message, Throwable cause) {
    super(message, cause);
  }
}
