package io.cmrsweep.fit.truth;

/**
 * How the true CMR at T_max depends on the model size N (parameters), with n = N / 1e9.
 * {@link #POWER}: CMR(N) = c - k * n^(-g), rising towards c for k, g > 0.
 * {@link #LOGIT_LINEAR}: logit CMR(N) = c + k * ln n (g unused).
 */
public enum SizeLawForm {
  POWER,
  LOGIT_LINEAR
}
