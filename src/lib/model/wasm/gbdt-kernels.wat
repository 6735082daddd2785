;; The GBDT trainer's hottest loops (gbdt-kernels.ts calls them), over the trainer's shared memory.
;; Pointers are byte offsets into that memory. Regenerate gbdt-kernels-wasm.ts after an edit:
;;   npm run build && node dist/scripts/build-wasm.js
(module
  (import "env" "memory" (memory 1 65536 shared))

  ;; hist[f·256 + bins[r·F + f]] += packed[r] for every feature f of every row r = idx[i], i in [from, to).
  ;; hist points at one histogram (F × 256 float64 sums). Four features per step: the four
  ;; read-modify-writes are independent and overlap in the CPU.
  (func (export "accumulate")
    (param $idx i32) (param $from i32) (param $to i32) (param $bins i32)
    (param $packed i32) (param $hist i32) (param $F i32)
    (local $i i32) (local $o i32) (local $end i32) (local $p f64) (local $a i32) (local $h i32) (local $tail i32)
    (local.set $tail (i32.and (local.get $F) (i32.const 3)))
    (local.set $i (local.get $from))
    (block $done
      (loop $rows
        (br_if $done (i32.ge_u (local.get $i) (local.get $to)))
        (local.set $o (i32.load (i32.add (local.get $idx) (i32.shl (local.get $i) (i32.const 2)))))
        (local.set $p (f64.load (i32.add (local.get $packed) (i32.shl (local.get $o) (i32.const 3)))))
        (local.set $o (i32.add (local.get $bins) (i32.mul (local.get $o) (local.get $F))))
        (local.set $end (i32.sub (i32.add (local.get $o) (local.get $F)) (local.get $tail)))
        (local.set $h (local.get $hist))
        (block $quads_done
          (loop $quads
            (br_if $quads_done (i32.ge_u (local.get $o) (local.get $end)))
            (local.set $a (i32.add (local.get $h) (i32.shl (i32.load8_u (local.get $o)) (i32.const 3))))
            (f64.store (local.get $a) (f64.add (f64.load (local.get $a)) (local.get $p)))
            (local.set $a (i32.add (local.get $h) (i32.shl (i32.load8_u offset=1 (local.get $o)) (i32.const 3))))
            (f64.store offset=2048 (local.get $a) (f64.add (f64.load offset=2048 (local.get $a)) (local.get $p)))
            (local.set $a (i32.add (local.get $h) (i32.shl (i32.load8_u offset=2 (local.get $o)) (i32.const 3))))
            (f64.store offset=4096 (local.get $a) (f64.add (f64.load offset=4096 (local.get $a)) (local.get $p)))
            (local.set $a (i32.add (local.get $h) (i32.shl (i32.load8_u offset=3 (local.get $o)) (i32.const 3))))
            (f64.store offset=6144 (local.get $a) (f64.add (f64.load offset=6144 (local.get $a)) (local.get $p)))
            (local.set $o (i32.add (local.get $o) (i32.const 4)))
            (local.set $h (i32.add (local.get $h) (i32.const 8192)))
            (br $quads)))
        (local.set $end (i32.add (local.get $end) (local.get $tail)))
        (block $tail_done
          (loop $rest
            (br_if $tail_done (i32.ge_u (local.get $o) (local.get $end)))
            (local.set $a (i32.add (local.get $h) (i32.shl (i32.load8_u (local.get $o)) (i32.const 3))))
            (f64.store (local.get $a) (f64.add (f64.load (local.get $a)) (local.get $p)))
            (local.set $o (i32.add (local.get $o) (i32.const 1)))
            (local.set $h (i32.add (local.get $h) (i32.const 2048)))
            (br $rest)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $rows))))

  ;; accumulate for a sparse node (a small share of all rows, so its rows are far apart in memory): the
  ;; same sums, with each row's cache lines requested 16 rows ahead. Measured on 800k × 30: 1.6x faster
  ;; for a node of 3-6 % of the rows, slower above ~15 % (the hardware prefetcher already follows those).
  (func (export "accumulateSparse")
    (param $idx i32) (param $from i32) (param $to i32) (param $bins i32)
    (param $packed i32) (param $hist i32) (param $F i32)
    (local $i i32) (local $o i32) (local $last i32) (local $end i32) (local $p f64) (local $a i32) (local $h i32) (local $tail i32)
    (local.set $tail (i32.and (local.get $F) (i32.const 3)))
    (local.set $i (local.get $from))
    (local.set $last (i32.sub (local.get $to) (i32.const 1)))
    (block $done
      (loop $rows
        (br_if $done (i32.ge_u (local.get $i) (local.get $to)))
        (local.set $o (i32.load (i32.add (local.get $idx) (i32.shl (local.get $i) (i32.const 2)))))
        ;; Touch the bins and gradient of the row 16 ahead (kept within the node): the loads are dropped,
        ;; but they bring the cache lines in while this row is added.
        (local.set $a (i32.add (local.get $i) (i32.const 16)))
        (local.set $a (i32.load (i32.add (local.get $idx) (i32.shl
          (select (local.get $a) (local.get $last) (i32.lt_u (local.get $a) (local.get $last))) (i32.const 2)))))
        (drop (i32.load8_u (i32.add (local.get $bins) (i32.mul (local.get $a) (local.get $F)))))
        (drop (f64.load (i32.add (local.get $packed) (i32.shl (local.get $a) (i32.const 3)))))
        (local.set $p (f64.load (i32.add (local.get $packed) (i32.shl (local.get $o) (i32.const 3)))))
        (local.set $o (i32.add (local.get $bins) (i32.mul (local.get $o) (local.get $F))))
        (local.set $end (i32.sub (i32.add (local.get $o) (local.get $F)) (local.get $tail)))
        (local.set $h (local.get $hist))
        (block $quads_done
          (loop $quads
            (br_if $quads_done (i32.ge_u (local.get $o) (local.get $end)))
            (local.set $a (i32.add (local.get $h) (i32.shl (i32.load8_u (local.get $o)) (i32.const 3))))
            (f64.store (local.get $a) (f64.add (f64.load (local.get $a)) (local.get $p)))
            (local.set $a (i32.add (local.get $h) (i32.shl (i32.load8_u offset=1 (local.get $o)) (i32.const 3))))
            (f64.store offset=2048 (local.get $a) (f64.add (f64.load offset=2048 (local.get $a)) (local.get $p)))
            (local.set $a (i32.add (local.get $h) (i32.shl (i32.load8_u offset=2 (local.get $o)) (i32.const 3))))
            (f64.store offset=4096 (local.get $a) (f64.add (f64.load offset=4096 (local.get $a)) (local.get $p)))
            (local.set $a (i32.add (local.get $h) (i32.shl (i32.load8_u offset=3 (local.get $o)) (i32.const 3))))
            (f64.store offset=6144 (local.get $a) (f64.add (f64.load offset=6144 (local.get $a)) (local.get $p)))
            (local.set $o (i32.add (local.get $o) (i32.const 4)))
            (local.set $h (i32.add (local.get $h) (i32.const 8192)))
            (br $quads)))
        (local.set $end (i32.add (local.get $end) (local.get $tail)))
        (block $tail_done
          (loop $rest
            (br_if $tail_done (i32.ge_u (local.get $o) (local.get $end)))
            (local.set $a (i32.add (local.get $h) (i32.shl (i32.load8_u (local.get $o)) (i32.const 3))))
            (f64.store (local.get $a) (f64.add (f64.load (local.get $a)) (local.get $p)))
            (local.set $o (i32.add (local.get $o) (i32.const 1)))
            (local.set $h (i32.add (local.get $h) (i32.const 2048)))
            (br $rest)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $rows))))


  ;; Stable partition of idx[from, to) by colBins[col + row] (one feature's bins): a row goes left
  ;; when goLeft[bin] (256 bytes) is 1. Left rows go in order to scratch[from ...], right rows in
  ;; reverse order to scratch[... to - 1]; returns the left count. Branch-free: each row is written to
  ;; both ends and one cursor advances (the branch would be unpredictable).
  (func (export "partition")
    (param $idx i32) (param $scratch i32) (param $from i32) (param $to i32) (param $col i32) (param $goLeft i32)
    (result i32)
    (local $i i32) (local $l i32) (local $r i32) (local $row i32) (local $left i32)
    (local.set $l (i32.add (local.get $scratch) (i32.shl (local.get $from) (i32.const 2))))
    (local.set $r (i32.add (local.get $scratch) (i32.shl (i32.sub (local.get $to) (i32.const 1)) (i32.const 2))))
    (local.set $i (i32.add (local.get $idx) (i32.shl (local.get $from) (i32.const 2))))
    (local.set $to (i32.add (local.get $idx) (i32.shl (local.get $to) (i32.const 2))))
    (block $done
      (loop $rows
        (br_if $done (i32.ge_u (local.get $i) (local.get $to)))
        (local.set $row (i32.load (local.get $i)))
        (local.set $left (i32.load8_u (i32.add (local.get $goLeft)
          (i32.load8_u (i32.add (local.get $col) (local.get $row))))))
        (i32.store (local.get $l) (local.get $row))
        (i32.store (local.get $r) (local.get $row))
        (local.set $l (i32.add (local.get $l) (i32.shl (local.get $left) (i32.const 2))))
        (local.set $r (i32.sub (local.get $r) (i32.shl (i32.xor (local.get $left) (i32.const 1)) (i32.const 2))))
        (local.set $i (i32.add (local.get $i) (i32.const 4)))
        (br $rows)))
    (i32.shr_u (i32.sub (local.get $l) (i32.add (local.get $scratch) (i32.shl (local.get $from) (i32.const 2))))
      (i32.const 2)))

  ;; The second half of the partition: chunk [from, to) of scratch holds nLeft left rows in order, then
  ;; the right rows in reverse; the left rows go to idx[l ...], the right ones (in order again) to idx[r ...].
  (func (export "merge")
    (param $idx i32) (param $scratch i32) (param $from i32) (param $to i32) (param $nLeft i32) (param $l i32) (param $r i32)
    (local $i i32) (local $end i32) (local $d i32)
    (memory.copy
      (i32.add (local.get $idx) (i32.shl (local.get $l) (i32.const 2)))
      (i32.add (local.get $scratch) (i32.shl (local.get $from) (i32.const 2)))
      (i32.shl (local.get $nLeft) (i32.const 2)))
    (local.set $i (i32.add (local.get $scratch) (i32.shl (i32.sub (local.get $to) (i32.const 1)) (i32.const 2))))
    (local.set $end (i32.add (local.get $scratch) (i32.shl (i32.add (local.get $from) (local.get $nLeft)) (i32.const 2))))
    (local.set $d (i32.add (local.get $idx) (i32.shl (local.get $r) (i32.const 2))))
    (block $done
      (loop $rows
        (br_if $done (i32.lt_u (local.get $i) (local.get $end)))
        (i32.store (local.get $d) (i32.load (local.get $i)))
        (local.set $d (i32.add (local.get $d) (i32.const 4)))
        (local.set $i (i32.sub (local.get $i) (i32.const 4)))
        (br $rows))))

  ;; Bins of rows [from, to): X holds float32 features row-major, edges float64 [F × 256] padded with
  ;; +Infinity; a value's bin is the number of its feature's edges below it (a fixed 8-step search, each
  ;; step a select rather than a branch), NaN's is 255. Written row-major and column-major.
  (func (export "bin")
    (param $X i32) (param $rows i32) (param $F i32) (param $edges i32) (param $from i32) (param $to i32)
    (param $rowMajor i32) (param $colMajor i32)
    (local $r i32) (local $f i32) (local $o i32) (local $x f64) (local $e i32) (local $i i32)
    (local.set $r (local.get $from))
    (block $rows_done
      (loop $rows
        (br_if $rows_done (i32.ge_u (local.get $r) (local.get $to)))
        (local.set $o (i32.mul (local.get $r) (local.get $F)))
        (local.set $f (i32.const 0))
        (block $feats_done
          (loop $feats
            (br_if $feats_done (i32.ge_u (local.get $f) (local.get $F)))
            (local.set $x (f64.promote_f32 (f32.load (i32.add (local.get $X)
              (i32.shl (i32.add (local.get $o) (local.get $f)) (i32.const 2))))))
            (local.set $e (i32.add (local.get $edges) (i32.shl (local.get $f) (i32.const 11))))
            (local.set $i (select (i32.const 128) (i32.const 0)
              (f64.lt (f64.load offset=1016 (local.get $e)) (local.get $x))))
            (local.set $i (i32.add (local.get $i) (select (i32.const 64) (i32.const 0)
              (f64.lt (f64.load offset=504 (i32.add (local.get $e) (i32.shl (local.get $i) (i32.const 3)))) (local.get $x)))))
            (local.set $i (i32.add (local.get $i) (select (i32.const 32) (i32.const 0)
              (f64.lt (f64.load offset=248 (i32.add (local.get $e) (i32.shl (local.get $i) (i32.const 3)))) (local.get $x)))))
            (local.set $i (i32.add (local.get $i) (select (i32.const 16) (i32.const 0)
              (f64.lt (f64.load offset=120 (i32.add (local.get $e) (i32.shl (local.get $i) (i32.const 3)))) (local.get $x)))))
            (local.set $i (i32.add (local.get $i) (select (i32.const 8) (i32.const 0)
              (f64.lt (f64.load offset=56 (i32.add (local.get $e) (i32.shl (local.get $i) (i32.const 3)))) (local.get $x)))))
            (local.set $i (i32.add (local.get $i) (select (i32.const 4) (i32.const 0)
              (f64.lt (f64.load offset=24 (i32.add (local.get $e) (i32.shl (local.get $i) (i32.const 3)))) (local.get $x)))))
            (local.set $i (i32.add (local.get $i) (select (i32.const 2) (i32.const 0)
              (f64.lt (f64.load offset=8 (i32.add (local.get $e) (i32.shl (local.get $i) (i32.const 3)))) (local.get $x)))))
            (local.set $i (i32.add (local.get $i) (select (i32.const 1) (i32.const 0)
              (f64.lt (f64.load (i32.add (local.get $e) (i32.shl (local.get $i) (i32.const 3)))) (local.get $x)))))
            (local.set $i (select (local.get $i) (i32.const 255) (f64.eq (local.get $x) (local.get $x))))
            (i32.store8 (i32.add (local.get $rowMajor) (i32.add (local.get $o) (local.get $f))) (local.get $i))
            (i32.store8 (i32.add (local.get $colMajor) (i32.add (i32.mul (local.get $f) (local.get $rows)) (local.get $r)))
              (local.get $i))
            (local.set $f (i32.add (local.get $f) (i32.const 1)))
            (br $feats)))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $rows))))

  ;; Float sums of grad and hess over rows idx[from, to), in that order, written to out[0] and out[1].
  (func (export "leafSums")
    (param $idx i32) (param $from i32) (param $to i32) (param $grad i32) (param $hess i32) (param $out i32)
    (local $i i32) (local $end i32) (local $r i32) (local $g f64) (local $h f64)
    (local.set $i (i32.add (local.get $idx) (i32.shl (local.get $from) (i32.const 2))))
    (local.set $end (i32.add (local.get $idx) (i32.shl (local.get $to) (i32.const 2))))
    (block $done
      (loop $rows
        (br_if $done (i32.ge_u (local.get $i) (local.get $end)))
        (local.set $r (i32.shl (i32.load (local.get $i)) (i32.const 3)))
        (local.set $g (f64.add (local.get $g) (f64.load (i32.add (local.get $grad) (local.get $r)))))
        (local.set $h (f64.add (local.get $h) (f64.load (i32.add (local.get $hess) (local.get $r)))))
        (local.set $i (i32.add (local.get $i) (i32.const 4)))
        (br $rows)))
    (f64.store (local.get $out) (local.get $g))
    (f64.store offset=8 (local.get $out) (local.get $h)))

  ;; margin[r] += w for every row r = idx[i], i in [from, to).
  (func (export "leafApply")
    (param $idx i32) (param $from i32) (param $to i32) (param $margin i32) (param $w f64)
    (local $i i32) (local $end i32) (local $a i32)
    (local.set $i (i32.add (local.get $idx) (i32.shl (local.get $from) (i32.const 2))))
    (local.set $end (i32.add (local.get $idx) (i32.shl (local.get $to) (i32.const 2))))
    (block $done
      (loop $rows
        (br_if $done (i32.ge_u (local.get $i) (local.get $end)))
        (local.set $a (i32.add (local.get $margin) (i32.shl (i32.load (local.get $i)) (i32.const 3))))
        (f64.store (local.get $a) (f64.add (f64.load (local.get $a)) (local.get $w)))
        (local.set $i (i32.add (local.get $i) (i32.const 4)))
        (br $rows))))

  ;; exp(x) exactly as V8's Math.exp computes it (fdlibm's __ieee754_exp, the FreeBSD variant V8 ships in
  ;; src/base/ieee754.cc), so gradients match the JavaScript ones bit for bit (test/model/gbdt-wasm.test.ts
  ;; compares millions of arguments).
  (func $exp (param $x f64) (result f64)
    (local $hx i32) (local $xsb i32) (local $k i32) (local $hi f64) (local $lo f64) (local $t f64) (local $c f64)
    (local $y f64) (local $twopk f64)
    (local.set $hx (i32.wrap_i64 (i64.shr_u (i64.reinterpret_f64 (local.get $x)) (i64.const 32))))
    (local.set $xsb (i32.shr_u (local.get $hx) (i32.const 31)))
    (local.set $hx (i32.and (local.get $hx) (i32.const 0x7fffffff)))
    (if (i32.ge_u (local.get $hx) (i32.const 0x40862E42))
      (then
        (if (i32.ge_u (local.get $hx) (i32.const 0x7ff00000))
          (then
            (if (i32.or (i32.and (local.get $hx) (i32.const 0xfffff))
                        (i32.wrap_i64 (i64.reinterpret_f64 (local.get $x))))
              (then (return (f64.add (local.get $x) (local.get $x)))))
            (return (select (local.get $x) (f64.const 0) (i32.eqz (local.get $xsb))))))
        (if (f64.gt (local.get $x) (f64.const 7.09782712893383973096e+02)) (then (return (f64.const inf))))
        (if (f64.lt (local.get $x) (f64.const -7.45133219101941108420e+02)) (then (return (f64.const 0))))))
    (if (i32.gt_u (local.get $hx) (i32.const 0x3fd62e42))
      (then
        (if (i32.lt_u (local.get $hx) (i32.const 0x3FF0A2B2))
          (then
            (if (f64.eq (local.get $x) (f64.const 1)) (then (return (f64.const 2.718281828459045))))
            (if (local.get $xsb)
              (then
                (local.set $hi (f64.add (local.get $x) (f64.const 6.93147180369123816490e-01)))
                (local.set $lo (f64.const -1.90821492927058770002e-10))
                (local.set $k (i32.const -1)))
              (else
                (local.set $hi (f64.sub (local.get $x) (f64.const 6.93147180369123816490e-01)))
                (local.set $lo (f64.const 1.90821492927058770002e-10))
                (local.set $k (i32.const 1)))))
          (else
            (local.set $k (i32.trunc_f64_s (f64.add (f64.mul (f64.const 1.44269504088896338700e+00) (local.get $x))
              (select (f64.const -0.5) (f64.const 0.5) (local.get $xsb)))))
            (local.set $t (f64.convert_i32_s (local.get $k)))
            (local.set $hi (f64.sub (local.get $x) (f64.mul (local.get $t) (f64.const 6.93147180369123816490e-01))))
            (local.set $lo (f64.mul (local.get $t) (f64.const 1.90821492927058770002e-10)))))
        (local.set $x (f64.sub (local.get $hi) (local.get $lo))))
      (else
        (if (i32.lt_u (local.get $hx) (i32.const 0x3e300000))
          (then (return (f64.add (f64.const 1) (local.get $x)))))))
    (local.set $t (f64.mul (local.get $x) (local.get $x)))
    (local.set $twopk (f64.reinterpret_i64 (i64.shl (i64.extend_i32_u (i32.add (i32.const 0x3ff00000)
      (i32.shl (select (local.get $k) (i32.add (local.get $k) (i32.const 1000)) (i32.ge_s (local.get $k) (i32.const -1021)))
        (i32.const 20)))) (i64.const 32))))
    (local.set $c (f64.sub (local.get $x) (f64.mul (local.get $t)
      (f64.add (f64.const 1.66666666666666019037e-01) (f64.mul (local.get $t)
      (f64.add (f64.const -2.77777777770155933842e-03) (f64.mul (local.get $t)
      (f64.add (f64.const 6.61375632143793436117e-05) (f64.mul (local.get $t)
      (f64.add (f64.const -1.65339022054652515390e-06) (f64.mul (local.get $t) (f64.const 4.13813679705723846039e-08))))))))))))
    (if (i32.eqz (local.get $k))
      (then (return (f64.sub (f64.const 1) (f64.sub (f64.div (f64.mul (local.get $x) (local.get $c))
        (f64.sub (local.get $c) (f64.const 2))) (local.get $x))))))
    (local.set $y (f64.sub (f64.const 1) (f64.sub (f64.sub (local.get $lo) (f64.div (f64.mul (local.get $x) (local.get $c))
      (f64.sub (f64.const 2) (local.get $c)))) (local.get $hi))))
    (if (i32.ge_s (local.get $k) (i32.const -1021))
      (then
        (if (i32.eq (local.get $k) (i32.const 1024))
          (then (return (f64.mul (f64.mul (local.get $y) (f64.const 2)) (f64.const 8.988465674311579539e307)))))
        (return (f64.mul (local.get $y) (local.get $twopk)))))
    (f64.mul (f64.mul (local.get $y) (local.get $twopk)) (f64.const 9.33263618503218878990e-302)))

  (func (export "exp") (param $x f64) (result f64) (call $exp (local.get $x)))

  ;; Logistic-loss gradient p − y and hessian max(p(1 − p), 1e-16) of rows [from, to), p = 1/(1 + exp(−margin)),
  ;; the same operations as in JavaScript; the largest |gradient| and hessian go to out[0] and out[1].
  (func (export "gradients")
    (param $margin i32) (param $y i32) (param $grad i32) (param $hess i32) (param $from i32) (param $to i32) (param $out i32)
    (local $a i32) (local $end i32) (local $p f64) (local $g f64) (local $h f64) (local $gMax f64) (local $hMax f64)
    (local.set $a (i32.shl (local.get $from) (i32.const 3)))
    (local.set $end (i32.shl (local.get $to) (i32.const 3)))
    (block $done
      (loop $rows
        (br_if $done (i32.ge_u (local.get $a) (local.get $end)))
        (local.set $p (f64.div (f64.const 1) (f64.add (f64.const 1)
          (call $exp (f64.neg (f64.load (i32.add (local.get $margin) (local.get $a))))))))
        (local.set $g (f64.sub (local.get $p) (f64.load (i32.add (local.get $y) (local.get $a)))))
        (local.set $h (f64.max (f64.mul (local.get $p) (f64.sub (f64.const 1) (local.get $p))) (f64.const 1e-16)))
        (f64.store (i32.add (local.get $grad) (local.get $a)) (local.get $g))
        (f64.store (i32.add (local.get $hess) (local.get $a)) (local.get $h))
        (local.set $gMax (select (f64.abs (local.get $g)) (local.get $gMax) (f64.gt (f64.abs (local.get $g)) (local.get $gMax))))
        (local.set $hMax (select (local.get $h) (local.get $hMax) (f64.gt (local.get $h) (local.get $hMax))))
        (local.set $a (i32.add (local.get $a) (i32.const 8)))
        (br $rows)))
    (f64.store (local.get $out) (local.get $gMax))
    (f64.store offset=8 (local.get $out) (local.get $hMax)))
)
