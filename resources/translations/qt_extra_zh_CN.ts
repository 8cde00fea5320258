<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<!-- Qt's own dialog strings that the qtbase_zh_CN catalogue shipped with the PySide6 wheel leaves in
     English. Installed after qtbase's, so only these come from here. Compile with
     pyside6-lrelease qt_extra_zh_CN.ts (tests/ui/test_locale.py checks the .qm matches). -->
<TS version="2.1" language="zh_CN">
<context>
    <name>QFileDialog</name>
    <message><source>&amp;Look in:</source><translation>查找范围(&amp;L)：</translation></message>
    <message><source>Files of &amp;type:</source><translation>文件类型(&amp;T)：</translation></message>
    <message><source>File name:</source><translation>文件名称：</translation></message>
    <message><source>Directory</source><translation>目录</translation></message>
    <message><source>Computer</source><translation>计算机</translation></message>
    <message><source>Save</source><translation>保存</translation></message>
    <message><source>Cancel</source><translation>取消</translation></message>
</context>
<context>
    <name>QAbstractFileIconProvider</name>
    <message><source>Folder</source><translation>文件夹</translation></message>
    <message><source>File Folder</source><translation>文件夹</translation></message>
    <message><source>Drive</source><translation>驱动器</translation></message>
    <message><source>Alias</source><translation>别名</translation></message>
    <message><source>Shortcut</source><translation>快捷方式</translation></message>
    <message><source>%1 File</source><translation>%1 文件</translation></message>
    <message><source>File</source><translation>文件</translation></message>
    <message><source>Unknown</source><translation>未知</translation></message>
</context>
<context>
    <name>QMessageBox</name>
    <message><source>OK</source><translation>确定</translation></message>
    <message><source>Help</source><translation>帮助</translation></message>
</context>
<context>
    <name>QPlatformTheme</name>
    <message><source>Don&apos;t Save</source><translation>不保存</translation></message>
    <message><source>Close without Saving</source><translation>关闭但不保存</translation></message>
</context>
<context>
    <name>QDialogButtonBox</name>
    <message><source>Cancel</source><translation>取消</translation></message>
    <message><source>&amp;OK</source><translation>确定(&amp;O)</translation></message>
    <message><source>&amp;Cancel</source><translation>取消(&amp;C)</translation></message>
</context>
<context>
    <name>QInputDialog</name>
    <message><source>OK</source><translation>确定</translation></message>
    <message><source>Cancel</source><translation>取消</translation></message>
</context>
</TS>
