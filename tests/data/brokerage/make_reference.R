# Reference values for queries/brokerage.py from R's sna::brokerage.
#
# Run from the repository root (needs Debian's r-cran-sna, which brings
# r-cran-network, and r-cran-jsonlite):
#
#     Rscript tests/data/brokerage/make_reference.R
#
# It writes one JSON file per case into tests/data/brokerage/. The files are
# committed, so the test suite needs no R. Each file holds the graph (nodes are
# 0..n-1, edges 0-based; an undirected edge is listed once), the group label of
# every node, and sna's results:
#
#   raw  n x 5  raw.nli without its total column, columns in sna's order
#               w_I, w_O, b_IO, b_OI, b_O = coordinator, itinerant,
#               representative, gatekeeper, liaison (see sna's gli.c: w_O is the
#               itinerant count, b_IO the representative, b_OI the gatekeeper)
#   exp, sd, z  n x 6  exp.nli, sd.nli, z.nli (sixth column: total, sna's t)
#   global      raw.gli, exp.gli, sd.gli, z.gli (6 values each)
#
# Undirected cases are given to sna as a network object with directed=FALSE;
# the script checks that sna returns the same as for the symmetric adjacency
# matrix (both directions of every edge are brokered, and density counts both
# arcs). sna counts self-loops as arcs when it computes the density d used by
# the expected values, but never as brokerage. queries.brokerage ignores loops
# everywhere, so for the case with loops the raw counts come from the matrix
# with loops and the moments from the same matrix without them; the script
# checks the raw counts agree.
suppressPackageStartupMessages({
  library(sna)
  library(network)
  library(jsonlite)
})

out_dir <- "tests/data/brokerage"
type_names <- c("Scientist", "Entrepreneur", "Investor", "Enterprise", "Bank")

random_graph <- function(n, p, directed, loops = FALSE) {
  m <- matrix(rbinom(n * n, 1, p), n, n)
  if (!directed) {
    m[lower.tri(m)] <- 0
    m <- m + t(m)
    m[m > 1] <- 1
  }
  if (!loops) diag(m) <- 0
  m
}

write_case <- function(name, m, cl, directed, note = "") {
  n <- nrow(m)
  loops <- any(diag(m) != 0)
  if (directed) {
    b <- brokerage(m, cl)
  } else {
    stopifnot(isSymmetric(m))
    net <- network(m, directed = FALSE, loops = loops)
    b <- brokerage(net, cl)
    b_mat <- brokerage(m, cl)
    stopifnot(isTRUE(all.equal(b$raw.nli, b_mat$raw.nli, check.attributes = FALSE)))
    stopifnot(isTRUE(all.equal(b$z.nli, b_mat$z.nli, check.attributes = FALSE)))
  }
  raw <- b$raw.nli
  if (loops) {
    m0 <- m
    diag(m0) <- 0
    b0 <- brokerage(m0, cl)
    stopifnot(isTRUE(all.equal(b0$raw.nli, raw, check.attributes = FALSE)))
    b <- b0
  }
  idx <- which(m != 0, arr.ind = TRUE)
  if (!directed) idx <- idx[idx[, 1] <= idx[, 2], , drop = FALSE]
  idx <- idx[order(idx[, 1], idx[, 2]), , drop = FALSE]
  edges <- unname(lapply(seq_len(nrow(idx)), function(r) as.integer(idx[r, ] - 1)))
  strip <- function(x) unname(as.matrix(x))
  case <- list(
    name = name,
    note = note,
    directed = directed,
    n = n,
    groups = as.character(cl),
    edges = edges,
    raw = strip(raw[, 1:5, drop = FALSE]),
    exp = strip(b$exp.nli),
    sd = strip(b$sd.nli),
    z = strip(b$z.nli),
    global = list(
      raw = unname(b$raw.gli), exp = unname(b$exp.gli),
      sd = unname(b$sd.gli), z = unname(b$z.gli)
    ),
    sna_version = as.character(packageVersion("sna"))
  )
  path <- file.path(out_dir, paste0(name, ".json"))
  writeLines(toJSON(case, auto_unbox = TRUE, digits = NA, na = "string",
                    matrix = "rowmajor"), path)
}

# Random cases: every combination of direction, size, density and group count
# is not needed; a seeded draw over the grid covers it.
sizes <- c(5, 12, 30, 60)
densities <- c(0.04, 0.12, 0.5)
n_groups <- c(2, 3, 5)
k <- 0
for (directed in c(TRUE, FALSE)) {
  for (seed in 1:12) {
    set.seed(1000 + seed + if (directed) 0 else 100)
    n <- sizes[(seed - 1) %% 4 + 1]
    p <- densities[(seed - 1) %% 3 + 1]
    g <- sample(n_groups, 1)
    m <- random_graph(n, p, directed)
    cl <- sample(type_names[1:g], n, replace = TRUE)
    k <- k + 1
    write_case(sprintf("random_%s_%02d", if (directed) "directed" else "undirected", seed),
               m, cl, directed, sprintf("n=%d p=%.2f groups=%d", n, p, g))
  }
}

# Edge cases.
set.seed(7)
m <- matrix(0, 20, 20)
m[1:10, 1:10] <- random_graph(10, 0.4, TRUE)
write_case("isolated_directed", m, sample(type_names[1:3], 20, replace = TRUE), TRUE,
           "nodes 10-19 have no edges")
m <- matrix(0, 20, 20)
m[1:10, 1:10] <- random_graph(10, 0.4, FALSE)
write_case("isolated_undirected", m, sample(type_names[1:3], 20, replace = TRUE), FALSE,
           "nodes 10-19 have no edges")
write_case("one_group_directed", random_graph(15, 0.3, TRUE), rep("Enterprise", 15), TRUE,
           "a single group: only coordinator counts")
write_case("one_group_undirected", random_graph(15, 0.3, FALSE), rep("Enterprise", 15), FALSE,
           "a single group: only coordinator counts")
full <- matrix(1, 8, 8)
diag(full) <- 0
write_case("complete_directed", full, rep(type_names[1:3], length.out = 8), TRUE,
           "complete graph: every two-path is closed, all counts zero, d = 1")
write_case("complete_undirected", full, rep(type_names[1:3], length.out = 8), FALSE,
           "complete graph: every two-path is closed, all counts zero, d = 1")
write_case("empty", matrix(0, 6, 6), rep(type_names[1:2], 3), TRUE,
           "no edges: d = 0")
write_case("singleton_groups", random_graph(5, 0.5, TRUE), type_names[1:5], TRUE,
           "every node its own group: only liaison counts")
write_case("dense_reciprocal", random_graph(25, 0.8, TRUE), sample(type_names[1:4], 25, replace = TRUE),
           TRUE, "dense directed graph with many reciprocal arcs")
write_case("self_loops", random_graph(12, 0.3, TRUE, loops = TRUE),
           sample(type_names[1:3], 12, replace = TRUE), TRUE,
           "self-loops on the diagonal: raw counts with loops; moments from the loop-free graph")
cat("wrote", length(list.files(out_dir, pattern = "\\.json$")), "cases\n")
