"""The open step of reading: one module per file format, each giving rows of cells.

Reading runs open → locate → interpret → build. The modules here open a file
into raw rows of strings, refusing hostile input before the work is done, and
hand them to :func:`~zeren_graph.io.tabular.make_table`, which locates the
header; nothing after that knows which format a row came from.

- :mod:`~zeren_graph.io.formats.delimited`: CSV, TSV and TXT files
  (:func:`~zeren_graph.io.formats.delimited.open_csv`), in any encoding Excel writes;
- :mod:`~zeren_graph.io.formats.xlsx`: XLSX workbooks
  (:class:`~zeren_graph.io.formats.xlsx.Workbook`), merged cells filled, hidden
  sheets named, formulas without values refused;
- :mod:`~zeren_graph.io.formats.xls`: old Excel workbooks
  (:class:`~zeren_graph.io.formats.xls.XlsWorkbook`), read with xlrd like XLSX;
- :mod:`~zeren_graph.io.formats.docx`: the tables of Word documents
  (:class:`~zeren_graph.io.formats.docx.DocxDocument`), named 表1, 表2 …, with the
  document's paragraphs as plain data;
- :mod:`~zeren_graph.io.formats.book`: what the three share
  (:class:`~zeren_graph.io.formats.book.Book`: sheets, hidden sheets, warnings;
  merged cells filled), and :func:`~zeren_graph.io.formats.book.open_book`, which
  picks the reader by extension;
- :mod:`~zeren_graph.io.formats.archive`: the zip-bomb check of the archives
  XLSX and DOCX files are (:func:`~zeren_graph.io.formats.archive.check_archive`).

A new format is one new module here.
"""
