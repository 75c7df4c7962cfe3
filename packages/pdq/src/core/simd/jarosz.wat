;; PDQ's hot loops in WebAssembly SIMD: luma, the Jarosz box filter passes of downsample.ts, and
;; the DCT of dct.ts.
;;
;; Every value is IEEE float32 and every operation is the reference's, in the reference's order
;; (f32x4 lanes are four independent copies of the scalar computation), so the results are
;; bit-identical to downsample.ts and to the C++ reference. Divisions are true float32 divisions.
;;
;; Layouts (byte addresses chosen by simd-downsampler.ts):
;;   "interleaved" block of 4 rows: float at (column * 4 + row), 16 bytes per column, so that
;;   one vector holds the same column of 4 rows (the running sums along rows, 4 rows at once);
;;   "row": floats at (column), padded to a multiple of 4 columns (the running sums down
;;   columns, 4 columns at once). transpose4 converts between the two.
;;
;; Assembled into jarosz-wasm.ts by `npm run build:wasm -w packages/pdq` (scripts/build-wasm.ts).
(module
  (memory (export "memory") 1)

  ;; Luma of one row of 8-bit pixels, 4 pixels per vector, into a row of floats ($groups
  ;; vectors: the last may read past the row's end; those lanes are padding, never used).
  ;; channels 3 or 4: Y = (R*0.299f + G*0.587f) + B*0.114f; channels 1: Y = sample.
  ;; Samples are 0..255, so the signed int-to-float conversion is exact and equal to the unsigned
  ;; one, and it is one instruction on x86 (the unsigned one is about eight): twice as fast a loop.
  (func (export "lumaRow")
    (param $src i32) (param $channels i32) (param $groups i32) (param $dst i32)
    (local $end i32) (local $v v128)
    (local.set $end (i32.add (local.get $dst) (i32.shl (local.get $groups) (i32.const 4))))
    (if (i32.eq (local.get $channels) (i32.const 1))
      (then
        (block $done (loop $each
          (br_if $done (i32.ge_u (local.get $dst) (local.get $end)))
          (v128.store (local.get $dst)
            (f32x4.convert_i32x4_s (i32x4.extend_low_i16x8_u (i16x8.extend_low_i8x16_u
              (v128.load32_zero (local.get $src))))))
          (local.set $src (i32.add (local.get $src) (i32.const 4)))
          (local.set $dst (i32.add (local.get $dst) (i32.const 16)))
          (br $each)))
        (return)))
    (if (i32.eq (local.get $channels) (i32.const 3))
      (then
        (block $done (loop $each
          (br_if $done (i32.ge_u (local.get $dst) (local.get $end)))
          (local.set $v (v128.load (local.get $src)))
          (v128.store (local.get $dst) (f32x4.add
            (f32x4.add
              (f32x4.mul (v128.const f32x4 0x1.322d0ep-2 0x1.322d0ep-2 0x1.322d0ep-2 0x1.322d0ep-2)
                (f32x4.convert_i32x4_s (i8x16.swizzle (local.get $v)
                  (v128.const i8x16 0 128 128 128 3 128 128 128 6 128 128 128 9 128 128 128))))
              (f32x4.mul (v128.const f32x4 0x1.2c8b44p-1 0x1.2c8b44p-1 0x1.2c8b44p-1 0x1.2c8b44p-1)
                (f32x4.convert_i32x4_s (i8x16.swizzle (local.get $v)
                  (v128.const i8x16 1 128 128 128 4 128 128 128 7 128 128 128 10 128 128 128)))))
            (f32x4.mul (v128.const f32x4 0x1.d2f1aap-4 0x1.d2f1aap-4 0x1.d2f1aap-4 0x1.d2f1aap-4)
              (f32x4.convert_i32x4_s (i8x16.swizzle (local.get $v)
                (v128.const i8x16 2 128 128 128 5 128 128 128 8 128 128 128 11 128 128 128))))))
          (local.set $src (i32.add (local.get $src) (i32.const 12)))
          (local.set $dst (i32.add (local.get $dst) (i32.const 16)))
          (br $each)))
        (return)))
    (block $done (loop $each
      (br_if $done (i32.ge_u (local.get $dst) (local.get $end)))
      (local.set $v (v128.load (local.get $src)))
      (v128.store (local.get $dst) (f32x4.add
        (f32x4.add
          (f32x4.mul (v128.const f32x4 0x1.322d0ep-2 0x1.322d0ep-2 0x1.322d0ep-2 0x1.322d0ep-2)
            (f32x4.convert_i32x4_s (i8x16.swizzle (local.get $v)
              (v128.const i8x16 0 128 128 128 4 128 128 128 8 128 128 128 12 128 128 128))))
          (f32x4.mul (v128.const f32x4 0x1.2c8b44p-1 0x1.2c8b44p-1 0x1.2c8b44p-1 0x1.2c8b44p-1)
            (f32x4.convert_i32x4_s (i8x16.swizzle (local.get $v)
              (v128.const i8x16 1 128 128 128 5 128 128 128 9 128 128 128 13 128 128 128)))))
        (f32x4.mul (v128.const f32x4 0x1.d2f1aap-4 0x1.d2f1aap-4 0x1.d2f1aap-4 0x1.d2f1aap-4)
          (f32x4.convert_i32x4_s (i8x16.swizzle (local.get $v)
            (v128.const i8x16 2 128 128 128 6 128 128 128 10 128 128 128 14 128 128 128))))))
      (local.set $src (i32.add (local.get $src) (i32.const 16)))
      (local.set $dst (i32.add (local.get $dst) (i32.const 16)))
      (br $each))))

  ;; Luma of 4 consecutive pixels in each of $count rows (stride $stride bytes from $src), one
  ;; vector per row, stored from $dst by steps of $step bytes (negative to fill backwards); with
  ;; $reverse the lanes are reversed. This reads an image's columns, for hashing it rotated by
  ;; 90 degrees without rotating its pixels first: the vectors land in the interleaved layout.
  (func (export "lumaColumns4")
    (param $src i32) (param $stride i32) (param $channels i32) (param $count i32)
    (param $dst i32) (param $step i32) (param $reverse i32)
    (local $i i32) (local $v v128) (local $y v128)
    (block $done (loop $each
      (br_if $done (i32.ge_u (local.get $i) (local.get $count)))
      (if (i32.eq (local.get $channels) (i32.const 1))
        (then
          (local.set $y (f32x4.convert_i32x4_s (i32x4.extend_low_i16x8_u (i16x8.extend_low_i8x16_u
            (v128.load32_zero (local.get $src)))))))
        (else
          (local.set $v (v128.load (local.get $src)))
          (if (i32.eq (local.get $channels) (i32.const 3))
            (then
              (local.set $y (f32x4.add
                (f32x4.add
                  (f32x4.mul (v128.const f32x4 0x1.322d0ep-2 0x1.322d0ep-2 0x1.322d0ep-2 0x1.322d0ep-2)
                    (f32x4.convert_i32x4_s (i8x16.swizzle (local.get $v)
                      (v128.const i8x16 0 128 128 128 3 128 128 128 6 128 128 128 9 128 128 128))))
                  (f32x4.mul (v128.const f32x4 0x1.2c8b44p-1 0x1.2c8b44p-1 0x1.2c8b44p-1 0x1.2c8b44p-1)
                    (f32x4.convert_i32x4_s (i8x16.swizzle (local.get $v)
                      (v128.const i8x16 1 128 128 128 4 128 128 128 7 128 128 128 10 128 128 128)))))
                (f32x4.mul (v128.const f32x4 0x1.d2f1aap-4 0x1.d2f1aap-4 0x1.d2f1aap-4 0x1.d2f1aap-4)
                  (f32x4.convert_i32x4_s (i8x16.swizzle (local.get $v)
                    (v128.const i8x16 2 128 128 128 5 128 128 128 8 128 128 128 11 128 128 128)))))))
            (else
              (local.set $y (f32x4.add
                (f32x4.add
                  (f32x4.mul (v128.const f32x4 0x1.322d0ep-2 0x1.322d0ep-2 0x1.322d0ep-2 0x1.322d0ep-2)
                    (f32x4.convert_i32x4_s (i8x16.swizzle (local.get $v)
                      (v128.const i8x16 0 128 128 128 4 128 128 128 8 128 128 128 12 128 128 128))))
                  (f32x4.mul (v128.const f32x4 0x1.2c8b44p-1 0x1.2c8b44p-1 0x1.2c8b44p-1 0x1.2c8b44p-1)
                    (f32x4.convert_i32x4_s (i8x16.swizzle (local.get $v)
                      (v128.const i8x16 1 128 128 128 5 128 128 128 9 128 128 128 13 128 128 128)))))
                (f32x4.mul (v128.const f32x4 0x1.d2f1aap-4 0x1.d2f1aap-4 0x1.d2f1aap-4 0x1.d2f1aap-4)
                  (f32x4.convert_i32x4_s (i8x16.swizzle (local.get $v)
                    (v128.const i8x16 2 128 128 128 6 128 128 128 10 128 128 128 14 128 128 128))))))))))
      (if (local.get $reverse)
        (then
          (local.set $y (i8x16.shuffle 12 13 14 15 8 9 10 11 4 5 6 7 0 1 2 3
            (local.get $y) (local.get $y)))))
      (v128.store (local.get $dst) (local.get $y))
      (local.set $src (i32.add (local.get $src) (local.get $stride)))
      (local.set $dst (i32.add (local.get $dst) (local.get $step)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $each))))

  ;; 4 rows of $groups vectors <-> one interleaved block (4x4 transposes). $toBlock = 1: rows
  ;; r0..r3 into the block; 0: the block back into rows r0..r3.
  (func (export "transpose4")
    (param $block i32) (param $r0 i32) (param $r1 i32) (param $r2 i32) (param $r3 i32)
    (param $groups i32) (param $toBlock i32)
    (local $a v128) (local $b v128) (local $c v128) (local $d v128)
    (local $t0 v128) (local $t1 v128) (local $t2 v128) (local $t3 v128) (local $end i32)
    (local.set $end (i32.add (local.get $block) (i32.shl (local.get $groups) (i32.const 6))))
    (block $done (loop $each
      (br_if $done (i32.ge_u (local.get $block) (local.get $end)))
      (if (local.get $toBlock)
        (then
          (local.set $a (v128.load (local.get $r0)))
          (local.set $b (v128.load (local.get $r1)))
          (local.set $c (v128.load (local.get $r2)))
          (local.set $d (v128.load (local.get $r3))))
        (else
          (local.set $a (v128.load (local.get $block)))
          (local.set $b (v128.load offset=16 (local.get $block)))
          (local.set $c (v128.load offset=32 (local.get $block)))
          (local.set $d (v128.load offset=48 (local.get $block)))))
      (local.set $t0 (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 (local.get $a) (local.get $b)))
      (local.set $t1 (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 (local.get $a) (local.get $b)))
      (local.set $t2 (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 (local.get $c) (local.get $d)))
      (local.set $t3 (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 (local.get $c) (local.get $d)))
      (local.set $a (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $t0) (local.get $t2)))
      (local.set $b (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $t0) (local.get $t2)))
      (local.set $c (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $t1) (local.get $t3)))
      (local.set $d (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $t1) (local.get $t3)))
      (if (local.get $toBlock)
        (then
          (v128.store (local.get $block) (local.get $a))
          (v128.store offset=16 (local.get $block) (local.get $b))
          (v128.store offset=32 (local.get $block) (local.get $c))
          (v128.store offset=48 (local.get $block) (local.get $d)))
        (else
          (v128.store (local.get $r0) (local.get $a))
          (v128.store (local.get $r1) (local.get $b))
          (v128.store (local.get $r2) (local.get $c))
          (v128.store (local.get $r3) (local.get $d))))
      (local.set $block (i32.add (local.get $block) (i32.const 64)))
      (local.set $r0 (i32.add (local.get $r0) (i32.const 16)))
      (local.set $r1 (i32.add (local.get $r1) (i32.const 16)))
      (local.set $r2 (i32.add (local.get $r2) (i32.const 16)))
      (local.set $r3 (i32.add (local.get $r3) (i32.const 16)))
      (br $each))))

  ;; Box filter along 4 rows at once (interleaved input of $n columns), every output, into the
  ;; interleaved block $out. The four phases of the reference's box1DFloat.
  (func (export "boxRows4")
    (param $in i32) (param $n i32) (param $window i32) (param $out i32)
    (local $half i32) (local $sum v128) (local $ri i32) (local $li i32) (local $o i32)
    (local $count i32) (local $end i32) (local $full v128)
    (local.set $half (i32.shr_u (i32.add (local.get $window) (i32.const 2)) (i32.const 1)))
    (local.set $sum (v128.const f32x4 0 0 0 0))
    ;; phase 1: half - 1 inputs, no output
    (local.set $end (i32.add (local.get $in)
      (i32.shl (i32.sub (local.get $half) (i32.const 1)) (i32.const 4))))
    (local.set $ri (local.get $in))
    (block $p1done (loop $p1
      (br_if $p1done (i32.ge_u (local.get $ri) (local.get $end)))
      (local.set $sum (f32x4.add (local.get $sum) (v128.load (local.get $ri))))
      (local.set $ri (i32.add (local.get $ri) (i32.const 16)))
      (br $p1)))
    ;; phase 2: counts half..window
    (local.set $count (local.get $half))
    (local.set $o (i32.const 0))
    (block $p2done (loop $p2
      (br_if $p2done (i32.gt_s (local.get $count) (local.get $window)))
      (local.set $sum (f32x4.add (local.get $sum) (v128.load (local.get $ri))))
      (v128.store (i32.add (local.get $out) (i32.shl (local.get $o) (i32.const 4)))
        (f32x4.div (local.get $sum) (f32x4.splat (f32.convert_i32_s (local.get $count)))))
      (local.set $count (i32.add (local.get $count) (i32.const 1)))
      (local.set $ri (i32.add (local.get $ri) (i32.const 16)))
      (local.set $o (i32.add (local.get $o) (i32.const 1)))
      (br $p2)))
    ;; phase 3: add the next input, then subtract the one leaving
    (local.set $full (f32x4.splat (f32.convert_i32_s (local.get $window))))
    (local.set $end (i32.add (local.get $in) (i32.shl (local.get $n) (i32.const 4))))
    (local.set $li (local.get $in))
    (block $p3done (loop $p3
      (br_if $p3done (i32.ge_u (local.get $ri) (local.get $end)))
      (local.set $sum (f32x4.sub
        (f32x4.add (local.get $sum) (v128.load (local.get $ri)))
        (v128.load (local.get $li))))
      (v128.store (i32.add (local.get $out) (i32.shl (local.get $o) (i32.const 4)))
        (f32x4.div (local.get $sum) (local.get $full)))
      (local.set $ri (i32.add (local.get $ri) (i32.const 16)))
      (local.set $li (i32.add (local.get $li) (i32.const 16)))
      (local.set $o (i32.add (local.get $o) (i32.const 1)))
      (br $p3)))
    ;; phase 4: subtract the leaving inputs, counts window-1 down to window-half+1
    (local.set $count (i32.sub (local.get $window) (i32.const 1)))
    (block $p4done (loop $p4
      (br_if $p4done (i32.le_s (local.get $count) (i32.sub (local.get $window) (local.get $half))))
      (local.set $sum (f32x4.sub (local.get $sum) (v128.load (local.get $li))))
      (v128.store (i32.add (local.get $out) (i32.shl (local.get $o) (i32.const 4)))
        (f32x4.div (local.get $sum) (f32x4.splat (f32.convert_i32_s (local.get $count)))))
      (local.set $count (i32.sub (local.get $count) (i32.const 1)))
      (local.set $li (i32.add (local.get $li) (i32.const 16)))
      (local.set $o (i32.add (local.get $o) (i32.const 1)))
      (br $p4))))

  ;; Column running sums over whole rows ($vectors of 4 columns). $mode: 0 = add the entering
  ;; row, no output; 1 = add it and output; 2 = add it, subtract the leaving row (in that order)
  ;; and output; 3 = subtract the leaving row and output. The output, sums / count, is the row
  ;; at $out.
  (func (export "boxColumns")
    (param $sums i32) (param $enter i32) (param $leave i32) (param $out i32)
    (param $vectors i32) (param $count i32) (param $mode i32)
    (local $end i32) (local $v v128) (local $divisor v128)
    (local.set $divisor (f32x4.splat (f32.convert_i32_s (local.get $count))))
    (local.set $end (i32.add (local.get $sums) (i32.shl (local.get $vectors) (i32.const 4))))
    (block $done (loop $each
      (br_if $done (i32.ge_u (local.get $sums) (local.get $end)))
      (local.set $v (v128.load (local.get $sums)))
      (if (i32.ne (local.get $mode) (i32.const 3))
        (then
          (local.set $v (f32x4.add (local.get $v) (v128.load (local.get $enter))))
          (local.set $enter (i32.add (local.get $enter) (i32.const 16)))))
      (if (i32.ge_u (local.get $mode) (i32.const 2))
        (then
          (local.set $v (f32x4.sub (local.get $v) (v128.load (local.get $leave))))
          (local.set $leave (i32.add (local.get $leave) (i32.const 16)))))
      (v128.store (local.get $sums) (local.get $v))
      (if (local.get $mode)
        (then (v128.store (local.get $out) (f32x4.div (local.get $v) (local.get $divisor)))))
      (local.set $sums (i32.add (local.get $sums) (i32.const 16)))
      (local.set $out (i32.add (local.get $out) (i32.const 16)))
      (br $each))))

  ;; Box filter along 4 rows at once (interleaved input), keeping only the outputs at the 64
  ;; ascending (possibly repeated) column indices of $samples (64 i32), as 64 interleaved
  ;; vectors at $out. The running sums still visit every input in the reference's order.
  (func (export "boxRows4Sampled")
    (param $in i32) (param $n i32) (param $window i32) (param $samples i32) (param $out i32)
    (local $half i32) (local $sum v128) (local $ri i32) (local $li i32) (local $o i32)
    (local $count i32) (local $end i32) (local $s i32) (local $next i32) (local $full v128)
    (local.set $half (i32.shr_u (i32.add (local.get $window) (i32.const 2)) (i32.const 1)))
    (local.set $sum (v128.const f32x4 0 0 0 0))
    (local.set $s (i32.const 0))
    (local.set $next (i32.load (local.get $samples)))
    (local.set $end (i32.add (local.get $in)
      (i32.shl (i32.sub (local.get $half) (i32.const 1)) (i32.const 4))))
    (local.set $ri (local.get $in))
    (block $p1done (loop $p1
      (br_if $p1done (i32.ge_u (local.get $ri) (local.get $end)))
      (local.set $sum (f32x4.add (local.get $sum) (v128.load (local.get $ri))))
      (local.set $ri (i32.add (local.get $ri) (i32.const 16)))
      (br $p1)))
    (local.set $count (local.get $half))
    (local.set $o (i32.const 0))
    (block $p2done (loop $p2
      (br_if $p2done (i32.gt_s (local.get $count) (local.get $window)))
      (local.set $sum (f32x4.add (local.get $sum) (v128.load (local.get $ri))))
      (block $emitted (loop $emit
        (br_if $emitted (i32.ne (local.get $o) (local.get $next)))
        (v128.store (i32.add (local.get $out) (i32.shl (local.get $s) (i32.const 4)))
          (f32x4.div (local.get $sum) (f32x4.splat (f32.convert_i32_s (local.get $count)))))
        (local.set $s (i32.add (local.get $s) (i32.const 1)))
        (local.set $next (if (result i32) (i32.lt_u (local.get $s) (i32.const 64))
          (then (i32.load (i32.add (local.get $samples) (i32.shl (local.get $s) (i32.const 2)))))
          (else (i32.const -1))))
        (br $emit)))
      (local.set $count (i32.add (local.get $count) (i32.const 1)))
      (local.set $ri (i32.add (local.get $ri) (i32.const 16)))
      (local.set $o (i32.add (local.get $o) (i32.const 1)))
      (br $p2)))
    (local.set $full (f32x4.splat (f32.convert_i32_s (local.get $window))))
    (local.set $end (i32.add (local.get $in) (i32.shl (local.get $n) (i32.const 4))))
    (local.set $li (local.get $in))
    (block $p3done (loop $p3
      (br_if $p3done (i32.ge_u (local.get $ri) (local.get $end)))
      (local.set $sum (f32x4.sub
        (f32x4.add (local.get $sum) (v128.load (local.get $ri)))
        (v128.load (local.get $li))))
      (block $emitted3 (loop $emit3
        (br_if $emitted3 (i32.ne (local.get $o) (local.get $next)))
        (v128.store (i32.add (local.get $out) (i32.shl (local.get $s) (i32.const 4)))
          (f32x4.div (local.get $sum) (local.get $full)))
        (local.set $s (i32.add (local.get $s) (i32.const 1)))
        (local.set $next (if (result i32) (i32.lt_u (local.get $s) (i32.const 64))
          (then (i32.load (i32.add (local.get $samples) (i32.shl (local.get $s) (i32.const 2)))))
          (else (i32.const -1))))
        (br $emit3)))
      (local.set $ri (i32.add (local.get $ri) (i32.const 16)))
      (local.set $li (i32.add (local.get $li) (i32.const 16)))
      (local.set $o (i32.add (local.get $o) (i32.const 1)))
      (br $p3)))
    (local.set $count (i32.sub (local.get $window) (i32.const 1)))
    (block $p4done (loop $p4
      (br_if $p4done (i32.le_s (local.get $count) (i32.sub (local.get $window) (local.get $half))))
      (local.set $sum (f32x4.sub (local.get $sum) (v128.load (local.get $li))))
      (block $emitted4 (loop $emit4
        (br_if $emitted4 (i32.ne (local.get $o) (local.get $next)))
        (v128.store (i32.add (local.get $out) (i32.shl (local.get $s) (i32.const 4)))
          (f32x4.div (local.get $sum) (f32x4.splat (f32.convert_i32_s (local.get $count)))))
        (local.set $s (i32.add (local.get $s) (i32.const 1)))
        (local.set $next (if (result i32) (i32.lt_u (local.get $s) (i32.const 64))
          (then (i32.load (i32.add (local.get $samples) (i32.shl (local.get $s) (i32.const 2)))))
          (else (i32.const -1))))
        (br $emit4)))
      (local.set $count (i32.sub (local.get $count) (i32.const 1)))
      (local.set $li (i32.add (local.get $li) (i32.const 16)))
      (local.set $o (i32.add (local.get $o) (i32.const 1)))
      (br $p4))))

  ;; PDQ's image-domain quality of quality.ts: the sum over all vertically and horizontally
  ;; adjacent pairs of |trunc(((u - v) * 100) / 255)|, each operation in float32 as the reference
  ;; does (four pairs per vector), summed as integers (at most 8064 * 100: no overflow). $a: the
  ;; 64x64 input; the last horizontal vector of a row reads one float past it, a lane masked out.
  (func (export "gradientSum") (param $a i32) (result i32)
    (local $p i32) (local $end i32) (local $row i32) (local $sums v128)
    ;; Vertical pairs: (p, p + 64 floats) over the first 63 rows.
    (local.set $p (local.get $a))
    (local.set $end (i32.add (local.get $a) (i32.const 16128)))
    (loop $vertical
      (local.set $sums (i32x4.add (local.get $sums)
        (call $gradientSteps (v128.load (local.get $p)) (v128.load offset=256 (local.get $p)))))
      (local.set $p (i32.add (local.get $p) (i32.const 16)))
      (br_if $vertical (i32.lt_u (local.get $p) (local.get $end))))
    ;; Horizontal pairs: (p, p + 1 float) in every row, columns 0..62.
    (local.set $row (local.get $a))
    (local.set $end (i32.add (local.get $a) (i32.const 16384)))
    (loop $rows
      (local.set $p (local.get $row))
      (loop $columns
        (local.set $sums (i32x4.add (local.get $sums)
          (call $gradientSteps (v128.load (local.get $p)) (v128.load offset=4 (local.get $p)))))
        (local.set $p (i32.add (local.get $p) (i32.const 16)))
        (br_if $columns (i32.lt_u (local.get $p) (i32.add (local.get $row) (i32.const 240)))))
      ;; Columns 60..63: the pair (63, next row's 0) is not one.
      (local.set $sums (i32x4.add (local.get $sums)
        (v128.and
          (call $gradientSteps (v128.load (local.get $p)) (v128.load offset=4 (local.get $p)))
          (v128.const i32x4 -1 -1 -1 0))))
      (local.set $row (i32.add (local.get $row) (i32.const 256)))
      (br_if $rows (i32.lt_u (local.get $row) (local.get $end))))
    (i32.add
      (i32.add (i32x4.extract_lane 0 (local.get $sums)) (i32x4.extract_lane 1 (local.get $sums)))
      (i32.add (i32x4.extract_lane 2 (local.get $sums)) (i32x4.extract_lane 3 (local.get $sums)))))

  ;; |trunc(((u - v) * 100) / 255)| per lane, float32 operations; the values are at most 100.
  (func $gradientSteps (param $u v128) (param $v v128) (result v128)
    (i32x4.abs (i32x4.trunc_sat_f32x4_s
      (f32x4.div
        (f32x4.mul (f32x4.sub (local.get $u) (local.get $v)) (v128.const f32x4 100 100 100 100))
        (v128.const f32x4 255 255 255 255)))))

  ;; The 64x64 -> 16x16 DCT of dct.ts, four outputs per vector: T = D * A, then B = T * Dt. Each
  ;; lane accumulates its own sum over k = 0..63 in order, each product rounded before it is added
  ;; (no fused multiply-add), so the result is bit-identical to dct64To16. $a: the 64x64 input;
  ;; $d: the 16x64 matrix D; $dt: its 64x16 transpose; $t: 16x64 scratch; $out: 16x16.
  (func (export "dct64To16")
    (param $a i32) (param $d i32) (param $dt i32) (param $t i32) (param $out i32)
    (call $matrixProduct (local.get $d) (local.get $a) (local.get $t) (i32.const 16))
    (call $matrixProduct (local.get $t) (local.get $dt) (local.get $out) (i32.const 4)))

  ;; out (16 rows of $vectors vectors) = left (16x64) * right (64 rows of $vectors vectors),
  ;; summing over k = 0..63 in order.
  (func $matrixProduct
    (param $left i32) (param $right i32) (param $out i32) (param $vectors i32)
    (local $i i32) (local $j i32) (local $k i32) (local $sum v128) (local $row i32) (local $column i32)
    (loop $rows
      (local.set $j (i32.const 0))
      (loop $columns
        (local.set $sum (v128.const f32x4 0 0 0 0))
        (local.set $row (i32.add (local.get $left) (i32.shl (local.get $i) (i32.const 8))))
        (local.set $column (i32.add (local.get $right) (i32.shl (local.get $j) (i32.const 4))))
        (local.set $k (i32.const 0))
        (loop $terms
          (local.set $sum (f32x4.add (local.get $sum)
            (f32x4.mul
              (f32x4.splat (f32.load (i32.add (local.get $row) (i32.shl (local.get $k) (i32.const 2)))))
              (v128.load (local.get $column)))))
          (local.set $column (i32.add (local.get $column) (i32.shl (local.get $vectors) (i32.const 4))))
          (local.set $k (i32.add (local.get $k) (i32.const 1)))
          (br_if $terms (i32.lt_u (local.get $k) (i32.const 64))))
        (v128.store (local.get $out) (local.get $sum))
        (local.set $out (i32.add (local.get $out) (i32.const 16)))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br_if $columns (i32.lt_u (local.get $j) (local.get $vectors))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $rows (i32.lt_u (local.get $i) (i32.const 16)))))
)
