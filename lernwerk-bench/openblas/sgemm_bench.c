/*
 * OpenBLAS side of scripts/gemm-vs-openblas.sh: times cblas_sgemm on the shapes of GemmBench.
 *
 *   sgemm_bench [repeats] [min_seconds_per_shape] [M K N form ...]
 *
 * form is NN, NT (B transposed) or TN (A transposed); C = op(A) op(B), row-major, as lernwerk's Gemm.
 * The thread count comes from OPENBLAS_NUM_THREADS. For each shape: warm-up, then `repeats` timed
 * samples (each sample loops the call until it lasts a few ms), median GFLOP/s = 2*M*N*K / time.
 * Prints one line per shape: "openblas M K N form threads gflops".
 */
#include <cblas.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

char *openblas_get_corename(void);
int openblas_get_num_threads(void);

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec + ts.tv_nsec * 1e-9;
}

static int cmp(const void *x, const void *y) {
  double a = *(const double *)x, b = *(const double *)y;
  return (a > b) - (a < b);
}

static void fill(float *x, size_t n, unsigned *seed) {
  for (size_t i = 0; i < n; i++) {
    *seed = *seed * 1664525u + 1013904223u;
    x[i] = (float)((*seed >> 8) * (1.0 / 16777216.0)) - 0.5f;
  }
}

static double run(int m, int k, int n, const char *form, int repeats, double minSample) {
  int ta = strcmp(form, "TN") == 0, tb = strcmp(form, "NT") == 0;
  float *a = malloc(sizeof(float) * (size_t)m * k);
  float *b = malloc(sizeof(float) * (size_t)k * n);
  float *c = malloc(sizeof(float) * (size_t)m * n);
  unsigned seed = 42;
  fill(a, (size_t)m * k, &seed);
  fill(b, (size_t)k * n, &seed);
  int lda = ta ? m : k, ldb = tb ? k : n;
  /* One call to size the sample loop, then a warm-up of about one sample. */
  double t0 = now();
  cblas_sgemm(CblasRowMajor, ta ? CblasTrans : CblasNoTrans, tb ? CblasTrans : CblasNoTrans, m, n, k,
              1.0f, a, lda, b, ldb, 0.0f, c, n);
  double one = now() - t0;
  int calls = (int)(minSample / (one > 1e-7 ? one : 1e-7)) + 1;
  for (int w = 0; w < 3; w++) {
    for (int i = 0; i < calls; i++) {
      cblas_sgemm(CblasRowMajor, ta ? CblasTrans : CblasNoTrans, tb ? CblasTrans : CblasNoTrans, m, n,
                  k, 1.0f, a, lda, b, ldb, 0.0f, c, n);
    }
  }
  double *gf = malloc(sizeof(double) * repeats);
  for (int r = 0; r < repeats; r++) {
    t0 = now();
    for (int i = 0; i < calls; i++) {
      cblas_sgemm(CblasRowMajor, ta ? CblasTrans : CblasNoTrans, tb ? CblasTrans : CblasNoTrans, m, n,
                  k, 1.0f, a, lda, b, ldb, 0.0f, c, n);
    }
    double t = (now() - t0) / calls;
    gf[r] = 2.0 * m * n * (double)k / t * 1e-9;
  }
  qsort(gf, repeats, sizeof(double), cmp);
  double med = gf[repeats / 2];
  free(gf);
  free(a);
  free(b);
  free(c);
  return med;
}

int main(int argc, char **argv) {
  int repeats = argc > 1 ? atoi(argv[1]) : 7;
  double minSample = argc > 2 ? atof(argv[2]) : 0.2;
  fprintf(stderr, "openblas core=%s threads=%d\n", openblas_get_corename(), openblas_get_num_threads());
  printf("# core %s threads %d\n", openblas_get_corename(), openblas_get_num_threads());
  static const char *defaults[] = {"256", "784", "64",   "NN", "256",  "784",  "512",  "NN",
                                   "128", "512", "512",  "NN", "1024", "1024", "1024", "NN"};
  int nargs = argc > 3 ? argc - 3 : 16;
  char **args = argc > 3 ? argv + 3 : (char **)defaults;
  for (int i = 0; i + 3 < nargs; i += 4) {
    int m = atoi(args[i]), k = atoi(args[i + 1]), n = atoi(args[i + 2]);
    double g = run(m, k, n, args[i + 3], repeats, minSample);
    printf("openblas %d %d %d %s %d %.1f\n", m, k, n, args[i + 3], openblas_get_num_threads(), g);
    fflush(stdout);
  }
  return 0;
}
