/*
 * Included before sqlite3.c (-include), which x87-long-double.awk has patched to wrap each long double result in
 * MB_X87(). Debian's amd64 build computes SQLite's long double code (the %f/%e/%g conversions of printf, which the
 * shell's quote, insert and json modes and .dump print with 20 digits, and the text-to-real conversion) on the x87
 * in extended precision: a 64-bit significand, each result rounded to nearest-even. On wasm32 long double is IEEE
 * binary128 (a 113-bit significand, software arithmetic), which gives other digits from the 17th on. MB_X87 rounds
 * a binary128 result to 64 significant bits, nearest-even, so every operation ends where the x87's would. (Rounding
 * twice, to 113 bits and then to 64, could differ from the x87's single rounding only for results within 2^-113 of
 * a halfway point between two 64-bit values.) The exponent range is the x87's already: both have 15 exponent bits.
 */
#ifndef MIRRORBOX_X87_H
#define MIRRORBOX_X87_H
#include <stdint.h>

_Static_assert(sizeof(long double) == 16 && __LDBL_MANT_DIG__ == 113, "long double must be IEEE binary128");

static inline long double mirrorbox_x87(long double value) {
  uint64_t w[2]; /* little-endian: w[0] the low 64 bits of the fraction, w[1] sign, exponent, high 48 bits */
  __builtin_memcpy(w, &value, sizeof w);
  if (((w[1] >> 48) & 0x7fff) == 0x7fff) return value; /* infinity or NaN */
  /* binary128 has 112 fraction bits, the x87 63: the low 49 go. */
  const uint64_t dropped = w[0] & ((UINT64_C(1) << 49) - 1);
  const uint64_t half = UINT64_C(1) << 48;
  w[0] &= ~((UINT64_C(1) << 49) - 1);
  if (dropped > half || (dropped == half && (w[0] >> 49) & 1)) {
    /* A carry out of the fraction steps the exponent, which is the right result (and gives infinity at the top). */
    w[0] += UINT64_C(1) << 49;
    if (w[0] == 0) w[1]++;
  }
  __builtin_memcpy(&value, w, sizeof w);
  return value;
}

#define MB_X87(x) mirrorbox_x87((long double)(x))
#endif
